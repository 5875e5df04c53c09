package dev.spooler.submit.jms;

import dev.spooler.submit.Submission;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The delivery options a JMS producer gives in the message headers rather than the body: its JMS
 * priority and its time-to-live (JMSExpiration). Options in the body or properties win over the
 * priority; the earlier of the two expiries wins.
 */
final class JmsHeaderOptions {

  private JmsHeaderOptions() {}

  /**
   * JMS 2.0 (3.4.10) calls 0–4 normal and 5–9 expedited; 4 is its default. 0–3 read as non-urgent,
   * so that a producer can ask for "whenever" without a spooler property.
   */
  static String priority(int jmsPriority) {
    if (jmsPriority >= 5) {
      return "urgent";
    }
    return jmsPriority == 4 ? "normal" : "non-urgent";
  }

  /** The submission with the header options applied. {@code jmsExpiration} 0 means none. */
  static Submission apply(Submission s, int jmsPriority, long jmsExpiration) {
    String priority = s.priority() != null ? s.priority() : priority(jmsPriority);
    String expiresAt = earlier(s.expiresAt(), jmsExpiration);
    return new Submission(
        s.from(),
        s.to(),
        s.cc(),
        s.bcc(),
        s.subject(),
        s.body(),
        priority,
        s.deferUntil(),
        expiresAt,
        s.notifyOn(),
        s.recipientNotify(),
        s.envelopeId(),
        s.ret());
  }

  private static String earlier(String expiresAt, long jmsExpiration) {
    if (jmsExpiration <= 0) {
      return expiresAt;
    }
    Instant header = Instant.ofEpochMilli(jmsExpiration);
    if (expiresAt == null) {
      return header.toString();
    }
    try {
      return Instant.parse(expiresAt).isAfter(header) ? header.toString() : expiresAt;
    } catch (DateTimeParseException e) {
      return expiresAt; // the validator names the bad field
    }
  }
}
