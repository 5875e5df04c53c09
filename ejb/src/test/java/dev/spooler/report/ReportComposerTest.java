package dev.spooler.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spooler.message.Address;
import dev.spooler.message.ReportKind;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

  @ParameterizedTest
  @EnumSource(ReportKind.class)
  void deliveryStatusPartIsExactlyItsBlocksForEveryReportKind(ReportKind kind) throws Exception {
    Instant until = kind == ReportKind.DELAY ? Instant.parse("2026-11-30T10:00:00Z") : null;
    byte[] mime = compose(kind, until);
    MultipartReport parts = (MultipartReport) parse(mime).getContent();
    byte[] body = ((MimeBodyPart) parts.getBodyPart(1)).getRawInputStream().readAllBytes();

    String action = kind.action();
    String untilField = until == null ? "" : "Will-Retry-Until: " + date(until) + "\r\n";
    String expected =
        "Reporting-MTA: dns; spool.example.org\r\n"
            + "Original-Envelope-Id: env-42\r\n"
            + "Arrival-Date: "
            + date(ARRIVED)
            + "\r\n"
            + "\r\n"
            + "Final-Recipient: rfc822; ghost@example.org\r\n"
            + "Action: "
            + action
            + "\r\n"
            + "Status: "
            + "5.1.1"
            + "\r\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 <ghost@example.org>: no such user\r\n"
            + "Last-Attempt-Date: "
            + date(FAILED)
            + "\r\n"
            + untilField
            + "\r\n"
            + "Final-Recipient: x-fax; 4930123\r\n"
            + "Action: "
            + action
            + "\r\n"
            + "Status: "
            + "5.1.2"
            + "\r\n"
            + "Diagnostic-Code: X-Spooler; no transport for address type FAX\r\n"
            + "Last-Attempt-Date: "
            + date(FAILED)
            + "\r\n"
            + untilField;
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(expected);
    StrictDeliveryStatus.Parsed strict = StrictDeliveryStatus.read(body);
    assertThat(strict.recipients())
        .extracting(r -> r.get("final-recipient"))
        .containsExactly("rfc822; ghost@example.org", "x-fax; 4930123");
    assertThat(PythonEmail.recipientBlocks(mime))
        .containsExactly("rfc822; ghost@example.org|" + action, "x-fax; 4930123|" + action);
  }

  @Test
  void recipientRelayedToANextHopWithoutDsnIsReportedAsRelayed() throws Exception {
    InternetHeaders original = new InternetHeaders();
    original.addHeaderLine("Message-ID: <orig-1@spool.example.org>");
    byte[] mime =
        composer
            .compose(
                new ReportComposer.Original(
                    "<orig-1@spool.example.org>", "IPM.Note", "Hi", null, ARRIVED, original),
                ReportKind.DELIVERY,
                "alice@example.org",
                "<report-2@spool.example.org>",
                List.of(
                    new ReportComposer.Covered(
                        Address.parse("bob@example.org"),
                        "2.0.0",
                        "smtp; 250 2.0.0 Ok: queued",
                        FAILED,
                        true)),
                FAILED,
                null)
            .mime();

    byte[] body =
        ((MimeBodyPart) ((MultipartReport) parse(mime).getContent()).getBodyPart(1))
            .getRawInputStream()
            .readAllBytes();
    assertThat(StrictDeliveryStatus.read(body).recipients().get(0).get("action"))
        .isEqualTo("relayed");
  }

  @Test
  void nonAsciiRecipientGetsAGlobalDeliveryStatusIn8bitUtf8() throws Exception {
    InternetHeaders original = new InternetHeaders();
    original.addHeaderLine("Message-ID: <orig-1@spool.example.org>");
    original.addHeaderLine("To: jürgen@example.net");
    MimeMessage report =
        parse(
            composer
                .compose(
                    new ReportComposer.Original(
                        "<orig-1@spool.example.org>", "IPM.Note", "Grüße", null, ARRIVED, original),
                    ReportKind.NON_DELIVERY,
                    "alice@example.org",
                    "<report-3@spool.example.org>",
                    List.of(
                        new ReportComposer.Covered(
                            Address.parse("jürgen@example.net"),
                            "5.6.7",
                            "smtp; the relay does not offer SMTPUTF8",
                            FAILED)),
                    FAILED,
                    null)
                .mime());

    assertThat(report.getContentType()).contains("report-type=global-delivery-status");
    MimeMultipart parts =
        new MimeMultipart(
            new ByteArrayDataSource(report.getRawInputStream(), report.getContentType()));
    MimeBodyPart status = (MimeBodyPart) parts.getBodyPart(1);
    assertThat(status.getContentType()).isEqualTo("message/global-delivery-status");
    assertThat(status.getEncoding()).isEqualTo("8bit");
    StrictDeliveryStatus.Parsed fields =
        StrictDeliveryStatus.read(status.getRawInputStream().readAllBytes());
    assertThat(fields.recipients().get(0).get("final-recipient"))
        .isEqualTo("utf-8; jürgen@example.net");
    MimeBodyPart headers = (MimeBodyPart) parts.getBodyPart(2);
    assertThat(headers.getContentType()).isEqualTo("message/global-headers");
    assertThat(new String(headers.getRawInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("To: jürgen@example.net");
  }

  @Test
  void wholeMessageGivenIsReturnedAsMessageRfc822() throws Exception {
    InternetHeaders headers = new InternetHeaders();
    headers.addHeaderLine("Message-ID: <orig-1@spool.example.org>");
    byte[] whole =
        ("Message-ID: <orig-1@spool.example.org>\r\nSubject: Quarterly figures\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nThe figures, in full.\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    MimeMessage report =
        parse(
            composer
                .compose(
                    new ReportComposer.Original(
                        "<orig-1@spool.example.org>",
                        "IPM.Note",
                        "Quarterly figures",
                        null,
                        ARRIVED,
                        headers,
                        whole),
                    ReportKind.NON_DELIVERY,
                    "alice@example.org",
                    "<report-4@spool.example.org>",
                    List.of(
                        new ReportComposer.Covered(
                            Address.parse("ghost@example.org"), "5.1.1", "no such user", FAILED)),
                    FAILED,
                    null)
                .mime());

    MultipartReport parts = (MultipartReport) report.getContent();
    MimeBodyPart returned = (MimeBodyPart) parts.getBodyPart(2);
    assertThat(returned.getContentType()).isEqualTo("message/rfc822");
    assertThat(returned.getEncoding()).isEqualTo("7bit");
    assertThat(returned.getRawInputStream().readAllBytes()).isEqualTo(whole);
    MimeMessage original = (MimeMessage) returned.getContent();
    assertThat(original.getSubject()).isEqualTo("Quarterly figures");
    assertThat(original.getContent()).isEqualTo("The figures, in full.\r\n");
  }

  private static String date(Instant instant) {
    return new MailDateFormat().format(Date.from(instant));
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
