package dev.spooler.submit;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import java.util.Map;

/**
 * A message as a client submits it: the same JSON shape over REST, JMS and the facade. Addresses
 * are MAPI-style typed ({@code SMTP:alice@example.org}, {@code LOCAL:bob}) or bare e-mail
 * addresses. The optional delivery options: {@code priority} ({@code urgent}, {@code normal},
 * {@code non-urgent}), {@code deferUntil} (do not send before) and {@code expiresAt} (give up
 * after), both ISO-8601 instants.
 *
 * <p>Report requests, as SMTP DSN (RFC 3461) has them: {@code notify} lists when the sender wants a
 * report for every recipient ({@code SUCCESS}, {@code FAILURE}, {@code DELAY}, or {@code NEVER}
 * alone; absent means {@code FAILURE,DELAY}); {@code recipientNotify} overrides it per recipient,
 * keyed by the address as given in to/cc/bcc ({@code notify} is {@code notifyOn} here because a
 * record cannot have a {@code notify()} accessor); {@code envelopeId} is echoed in every report;
 * {@code ret} ({@code FULL} or {@code HDRS}) says what a failure report returns of the message
 * (absent: the whole message).
 */
public record Submission(
    String from,
    List<String> to,
    List<String> cc,
    List<String> bcc,
    String subject,
    String body,
    String priority,
    String deferUntil,
    String expiresAt,
    @JsonbProperty("notify") List<String> notifyOn,
    Map<String, List<String>> recipientNotify,
    String envelopeId,
    String ret) {

  /** A submission without delivery options. */
  public static Submission of(
      String from,
      List<String> to,
      List<String> cc,
      List<String> bcc,
      String subject,
      String body) {
    return new Submission(
        from, to, cc, bcc, subject, body, null, null, null, null, null, null, null);
  }

  /** The same submission asking for reports when the given events happen. */
  public Submission withNotify(List<String> events) {
    return new Submission(
        from,
        to,
        cc,
        bcc,
        subject,
        body,
        priority,
        deferUntil,
        expiresAt,
        events,
        recipientNotify,
        envelopeId,
        ret);
  }
}
