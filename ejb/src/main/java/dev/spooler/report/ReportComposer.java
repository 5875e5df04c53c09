package dev.spooler.report;

import dev.spooler.message.Address;
import dev.spooler.message.FixedIdMimeMessage;
import dev.spooler.message.ReportKind;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MessageHeaders;
import org.eclipse.angus.mail.dsn.MultipartReport;

/**
 * Writes a delivery report as RFC 3464 {@code multipart/report; report-type=delivery-status}: a
 * human-readable part, the {@code message/delivery-status} part and the original message, whole
 * ({@code message/rfc822}) or its headers only ({@code text/rfc822-headers}; RFC 6522 allows
 * either), built with Angus Mail's DSN classes.
 */
public final class ReportComposer {

  /**
   * The reported message, as the report needs it; {@code content}, when not null, is the whole
   * message, and the report returns it instead of the headers.
   */
  public record Original(
      String messageIdHeader,
      String messageClass,
      String subject,
      String envelopeId,
      Instant arrivedAt,
      InternetHeaders headers,
      byte[] content) {

    /** A message whose report returns only its headers. */
    public Original(
        String messageIdHeader,
        String messageClass,
        String subject,
        String envelopeId,
        Instant arrivedAt,
        InternetHeaders headers) {
      this(messageIdHeader, messageClass, subject, envelopeId, arrivedAt, headers, null);
    }
  }

  /**
   * One recipient the report covers, with its last outcome; {@code relayed}: handed to a next hop
   * that takes no DSN duty ({@code Action: relayed} instead of {@code delivered}).
   */
  public record Covered(
      Address address, String statusCode, String diagnostic, Instant lastAttempt, boolean relayed) {

    public Covered(Address address, String statusCode, String diagnostic, Instant lastAttempt) {
      this(address, statusCode, diagnostic, lastAttempt, false);
    }
  }

  /** The finished report: its subject, its readable text, and the whole MIME message. */
  public record Composed(String subject, String text, byte[] mime) {}

  private final Session session;
  private final String reportingMta;

  public ReportComposer(Session session, String reportingMta) {
    this.session = session;
    this.reportingMta = reportingMta;
  }

  /**
   * @param to the original sender's mailbox, for the To header
   * @param retryUntil for a delay notice, until when the spooler keeps trying; otherwise null
   */
  public Composed compose(
      Original original,
      ReportKind kind,
      String to,
      String reportMessageIdHeader,
      List<Covered> covered,
      Instant now,
      Instant retryUntil) {
    String subject = kind.subjectPrefix() + ": " + original.subject();
    String text = text(original, kind, covered, retryUntil);
    try {
      byte[] originalHeaders = headerBytes(original.headers());
      // RFC 6533: a non-ASCII address or original header needs the global (UTF-8) report types.
      boolean global =
          !isAscii(originalHeaders)
              || covered.stream().anyMatch(c -> !isAscii(c.address().value()));
      DeliveryStatus status = global ? new GlobalDeliveryStatus() : new DeliveryStatus();
      InternetHeaders perMessage = status.getMessageDSN();
      perMessage.setHeader("Reporting-MTA", "dns; " + reportingMta);
      if (original.envelopeId() != null) {
        perMessage.setHeader("Original-Envelope-Id", original.envelopeId());
      }
      perMessage.setHeader("Arrival-Date", date(original.arrivedAt()));
      for (Covered recipient : covered) {
        status.addRecipientDSN(perRecipient(kind, recipient, retryUntil));
      }
      MultipartReport content =
          new MultipartReport(text, status, new MessageHeaders(original.headers()));
      // As bytes: Angus's DeliveryStatus ends with a blank line after the last recipient's block,
      // which strict readers (Python's email package) take for an empty recipient block.
      byte[] statusBytes = statusBytes(status);
      asBytes((MimeBodyPart) content.getBodyPart(1), statusBytes, "message/" + status.getType());
      // As bytes: a MessageHeaders part is re-stamped with a new Message-ID and Date when the
      // report is saved, and the sender could no longer tell which message it is about.
      if (original.content() != null) {
        asBytes(
            (MimeBodyPart) content.getBodyPart(2),
            original.content(),
            global ? "message/global" : "message/rfc822");
      } else {
        asBytes(
            (MimeBodyPart) content.getBodyPart(2),
            originalHeaders,
            global ? "message/global-headers" : "text/rfc822-headers");
      }

      MimeMessage report = new FixedIdMimeMessage(session, reportMessageIdHeader);
      report.setFrom(new InternetAddress("MAILER-DAEMON@" + reportingMta, "Mail Delivery System"));
      if (to != null) {
        report.setRecipients(jakarta.mail.Message.RecipientType.TO, to);
      }
      report.setSubject(subject, StandardCharsets.UTF_8.name());
      report.setSentDate(Date.from(now));
      // RFC 3834: an automatic answer, so that auto-responders do not answer it.
      report.setHeader("Auto-Submitted", "auto-replied");
      report.setHeader("In-Reply-To", original.messageIdHeader());
      report.setHeader("References", original.messageIdHeader());
      report.setHeader("X-Spooler-Message-Class", kind.messageClassFor(original.messageClass()));
      report.setContent(content);
      report.saveChanges();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      report.writeTo(bytes);
      return new Composed(subject, text, bytes.toByteArray());
    } catch (MessagingException e) {
      throw new IllegalStateException(
          "cannot compose a report on " + original.messageIdHeader(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InternetHeaders perRecipient(
      ReportKind kind, Covered recipient, Instant retryUntil) {
    // Lines appended as they are: setHeader would move "Status" (a known mbox header) last.
    InternetHeaders fields = new InternetHeaders();
    fields.addHeaderLine("Final-Recipient: " + addressField(recipient.address()));
    fields.addHeaderLine("Action: " + (recipient.relayed() ? "relayed" : kind.action()));
    fields.addHeaderLine("Status: " + statusOf(kind, recipient.statusCode()));
    if (recipient.diagnostic() != null) {
      fields.addHeaderLine("Diagnostic-Code: " + diagnosticCode(recipient.diagnostic()));
    }
    if (recipient.lastAttempt() != null) {
      fields.addHeaderLine("Last-Attempt-Date: " + date(recipient.lastAttempt()));
    }
    if (kind == ReportKind.DELAY && retryUntil != null) {
      fields.addHeaderLine("Will-Retry-Until: " + date(retryUntil));
    }
    return fields;
  }

  /**
   * RFC 3464 2.3.2: {@code rfc822; bob@example.org}, {@code utf-8; jürgen@example.net} for a
   * non-ASCII one (RFC 6533 3); other address types as {@code x-<type>}.
   */
  static String addressField(Address address) {
    if (!Address.SMTP.equals(address.type())) {
      return "x-" + address.type().toLowerCase(Locale.ROOT) + "; " + address.value();
    }
    return (isAscii(address.value()) ? "rfc822; " : "utf-8; ") + address.value();
  }

  /**
   * A part's content as these bytes, with the transfer encoding said outright: Angus writes
   * message/* parts unencoded but would declare base64 for non-ASCII bytes (RFC 6532 3.5 allows
   * 8bit for the global types).
   */
  private static void asBytes(MimeBodyPart part, byte[] bytes, String type)
      throws MessagingException {
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
    part.setHeader("Content-Transfer-Encoding", isAscii(bytes) ? "7bit" : "8bit");
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(String text) {
    return text.chars().allMatch(c -> c < 0x80);
  }

  /** RFC 6533 6.2: the same fields as UTF-8; the multipart's report-type follows the type. */
  private static final class GlobalDeliveryStatus extends DeliveryStatus {
    GlobalDeliveryStatus() throws MessagingException {
      super();
    }

    @Override
    public String getType() {
      return "global-delivery-status";
    }
  }

  /** The RFC 3463 code of the outcome, or the class default when none was recorded. */
  private static String statusOf(ReportKind kind, String code) {
    if (code != null && code.matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
      return code;
    }
    return switch (kind) {
      case DELIVERY -> "2.0.0";
      case NON_DELIVERY -> "5.0.0";
      case DELAY -> "4.0.0";
    };
  }

  /** RFC 3464 2.3.6: {@code smtp; 550 ...} for relay replies, the spooler's own text otherwise. */
  static String diagnosticCode(String diagnostic) {
    String oneLine = diagnostic.replaceAll("[\\r\\n]+", " ");
    return oneLine.regionMatches(true, 0, "smtp;", 0, 5) ? oneLine : "X-Spooler; " + oneLine;
  }

  private static String text(
      Original original, ReportKind kind, List<Covered> covered, Instant retryUntil) {
    StringBuilder text = new StringBuilder();
    String what = "Your message \"" + original.subject() + "\" " + original.messageIdHeader();
    text.append(
        switch (kind) {
          case DELIVERY -> what + " was delivered to:\n\n";
          case NON_DELIVERY -> what + " could not be delivered to:\n\n";
          case DELAY -> what + " has not yet been delivered to:\n\n";
        });
    for (Covered recipient : covered) {
      text.append("  ").append(recipient.address());
      if (recipient.diagnostic() != null) {
        text.append("\n    ").append(recipient.diagnostic());
      }
      text.append('\n');
    }
    text.append('\n');
    text.append(
        switch (kind) {
          case DELIVERY -> "";
          case NON_DELIVERY -> "No further attempts will be made.\n";
          case DELAY ->
              "The spooler keeps trying"
                  + (retryUntil == null ? "" : " until " + retryUntil)
                  + ". You do not need to send the message again.\n";
        });
    return text.toString();
  }

  private static String date(Instant instant) {
    return new MailDateFormat().format(Date.from(instant));
  }

  /** RFC 3464 2.1: the per-message block, then each recipient's, one blank line between. */
  private static byte[] statusBytes(DeliveryStatus status) {
    StringBuilder text = new StringBuilder();
    appendFields(text, status.getMessageDSN());
    for (int i = 0; i < status.getRecipientDSNCount(); i++) {
      text.append("\r\n");
      appendFields(text, status.getRecipientDSN(i));
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void appendFields(StringBuilder text, InternetHeaders fields) {
    for (var lines = fields.getAllHeaderLines(); lines.hasMoreElements(); ) {
      text.append(lines.nextElement()).append("\r\n");
    }
  }

  private static byte[] headerBytes(InternetHeaders headers) {
    StringBuilder text = new StringBuilder();
    appendFields(text, headers);
    return text.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }
}
