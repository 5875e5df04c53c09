package dev.spooler.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spooler.message.Address;
import dev.spooler.message.ReportKind;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;
import org.junit.jupiter.api.Test;

class ReportComposerTest {

  private static final Instant ARRIVED = Instant.parse("2026-11-25T10:00:00Z");
  private static final Instant FAILED = Instant.parse("2026-11-25T10:05:00Z");
  private final Session session = Session.getInstance(new Properties());
  private final ReportComposer composer = new ReportComposer(session, "spool.example.org");

  @Test
  void nonDeliveryReportParsesBackWithEveryField() throws Exception {
    MimeMessage report = parse(compose(ReportKind.NON_DELIVERY, null));

    assertThat(report.getContentType()).startsWith("multipart/report");
    assertThat(report.getContentType()).contains("report-type=delivery-status");
    assertThat(report.getSubject()).isEqualTo("Undeliverable: Quarterly figures");
    assertThat(report.getHeader("Message-ID")).containsExactly("<report-1@spool.example.org>");
    assertThat(report.getHeader("In-Reply-To")).containsExactly("<orig-1@spool.example.org>");
    assertThat(report.getHeader("Auto-Submitted")).containsExactly("auto-replied");
    assertThat(report.getHeader("X-Spooler-Message-Class")).containsExactly("REPORT.IPM.Note.NDR");
    assertThat(report.getFrom()[0].toString()).contains("MAILER-DAEMON@spool.example.org");
    assertThat(report.getAllRecipients()[0].toString()).isEqualTo("alice@example.org");

    MultipartReport parts = (MultipartReport) report.getContent();
    assertThat(parts.getCount()).isEqualTo(3);
    assertThat(parts.getText()).contains("could not be delivered").contains("ghost@example.org");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("message/delivery-status");
    assertThat(parts.getBodyPart(2).getContentType()).startsWith("text/rfc822-headers");

    DeliveryStatus status = parts.getDeliveryStatus();
    InternetHeaders perMessage = status.getMessageDSN();
    assertThat(perMessage.getHeader("Reporting-MTA", null)).isEqualTo("dns; spool.example.org");
    assertThat(perMessage.getHeader("Original-Envelope-Id", null)).isEqualTo("env-42");
    assertThat(perMessage.getHeader("Arrival-Date", null)).contains("25 Nov 2026 10:00:00");
    assertThat(status.getRecipientDSNCount()).isEqualTo(2);
    InternetHeaders ghost = status.getRecipientDSN(0);
    assertThat(ghost.getHeader("Final-Recipient", null)).isEqualTo("rfc822; ghost@example.org");
    assertThat(ghost.getHeader("Action", null)).isEqualTo("failed");
    assertThat(ghost.getHeader("Status", null)).isEqualTo("5.1.1");
    assertThat(ghost.getHeader("Diagnostic-Code", null))
        .isEqualTo("smtp; 550 5.1.1 <ghost@example.org>: no such user");
    assertThat(ghost.getHeader("Last-Attempt-Date", null)).contains("25 Nov 2026 10:05:00");
    InternetHeaders fax = status.getRecipientDSN(1);
    assertThat(fax.getHeader("Final-Recipient", null)).isEqualTo("x-fax; 4930123");
    assertThat(fax.getHeader("Status", null)).isEqualTo("5.1.2");
    assertThat(fax.getHeader("Diagnostic-Code", null))
        .isEqualTo("X-Spooler; no transport for address type FAX");

    String originalHeaders = new String(parts.getBodyPart(2).getInputStream().readAllBytes());
    assertThat(originalHeaders)
        .contains("Message-ID: <orig-1@spool.example.org>")
        .contains("Subject: Quarterly figures");
  }

  @Test
  void delayNoticeSaysUntilWhenItRetries() throws Exception {
    Instant until = Instant.parse("2026-11-30T10:00:00Z");
    MimeMessage report = parse(compose(ReportKind.DELAY, until));

    assertThat(report.getSubject()).isEqualTo("Delayed: Quarterly figures");
    assertThat(report.getHeader("X-Spooler-Message-Class"))
        .containsExactly("REPORT.IPM.Note.Delayed.DR");
    MultipartReport parts = (MultipartReport) report.getContent();
    InternetHeaders first = parts.getDeliveryStatus().getRecipientDSN(0);
    assertThat(first.getHeader("Action", null)).isEqualTo("delayed");
    assertThat(first.getHeader("Will-Retry-Until", null)).contains("30 Nov 2026 10:00:00");
    assertThat(parts.getText()).contains("has not yet been delivered").contains(until.toString());
  }

  @Test
  void deliveryReportUsesTheSuccessCode() throws Exception {
    MultipartReport parts =
        (MultipartReport) parse(compose(ReportKind.DELIVERY, null)).getContent();

    InternetHeaders first = parts.getDeliveryStatus().getRecipientDSN(0);
    assertThat(first.getHeader("Action", null)).isEqualTo("delivered");
    assertThat(first.getHeader("Will-Retry-Until", null)).isNull();
  }

  private byte[] compose(ReportKind kind, Instant retryUntil) {
    InternetHeaders original = new InternetHeaders();
    original.addHeaderLine("Message-ID: <orig-1@spool.example.org>");
    original.addHeaderLine("Subject: Quarterly figures");
    return composer
        .compose(
            new ReportComposer.Original(
                "<orig-1@spool.example.org>",
                "IPM.Note",
                "Quarterly figures",
                "env-42",
                ARRIVED,
                original),
            kind,
            "alice@example.org",
            "<report-1@spool.example.org>",
            List.of(
                new ReportComposer.Covered(
                    Address.parse("ghost@example.org"),
                    "5.1.1",
                    "smtp; 550 5.1.1 <ghost@example.org>: no such user",
                    FAILED),
                new ReportComposer.Covered(
                    new Address("FAX", "4930123"),
                    "5.1.2",
                    "no transport for address type FAX",
                    FAILED)),
            FAILED,
            retryUntil)
        .mime();
  }

  private MimeMessage parse(byte[] mime) throws Exception {
    return new MimeMessage(session, new ByteArrayInputStream(mime));
  }
}
