package dev.spooler.submit;

import java.util.List;

/**
 * A message as a client submits it: the same JSON shape over REST, JMS and the facade. Addresses
 * are MAPI-style typed ({@code SMTP:alice@example.org}, {@code LOCAL:bob}) or bare e-mail
 * addresses. The optional delivery options: {@code priority} ({@code urgent}, {@code normal},
 * {@code non-urgent}), {@code deferUntil} (do not send before) and {@code expiresAt} (give up
 * after), both ISO-8601 instants.
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
    String expiresAt) {

  /** A submission without delivery options. */
  public static Submission of(
      String from,
      List<String> to,
      List<String> cc,
      List<String> bcc,
      String subject,
      String body) {
    return new Submission(from, to, cc, bcc, subject, body, null, null, null);
  }
}
