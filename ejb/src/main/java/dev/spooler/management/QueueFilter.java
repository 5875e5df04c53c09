package dev.spooler.management;

import java.time.Duration;
import java.time.Instant;

/**
 * Which queue entries an operator means: the state, and optionally the sender and the recipient
 * (bare or typed address, case-insensitive), the transport, a minimum age since acceptance, the
 * Message-ID header (exact), words of the subject (case-insensitive) and a time range of acceptance
 * ({@code acceptedFrom} inclusive, {@code acceptedUntil} exclusive).
 */
public record QueueFilter(
    QueueState state,
    String sender,
    String recipient,
    String transport,
    Duration olderThan,
    String messageIdHeader,
    String subject,
    Instant acceptedFrom,
    Instant acceptedUntil) {

  public QueueFilter {
    if (state == null) {
      throw new IllegalArgumentException("a queue filter needs a state");
    }
    sender = blankToNull(sender);
    recipient = blankToNull(recipient);
    transport = blankToNull(transport);
    messageIdHeader = blankToNull(messageIdHeader);
    subject = blankToNull(subject);
    if (acceptedFrom != null && acceptedUntil != null && !acceptedFrom.isBefore(acceptedUntil)) {
      throw new IllegalArgumentException(
          "the time range is empty: from " + acceptedFrom + " until " + acceptedUntil);
    }
    if (olderThan != null && olderThan.isNegative()) {
      throw new IllegalArgumentException("age must not be negative: " + olderThan);
    }
  }

  public static QueueFilter of(QueueState state) {
    return new QueueFilter(state, null, null, null, null, null, null, null, null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("state=").append(state);
    if (sender != null) {
      text.append(" sender=").append(sender);
    }
    if (recipient != null) {
      text.append(" recipient=").append(recipient);
    }
    if (transport != null) {
      text.append(" transport=").append(transport);
    }
    if (olderThan != null) {
      text.append(" olderThan=").append(olderThan);
    }
    if (messageIdHeader != null) {
      text.append(" messageId=").append(messageIdHeader);
    }
    if (subject != null) {
      text.append(" subject=").append(subject);
    }
    if (acceptedFrom != null) {
      text.append(" from=").append(acceptedFrom);
    }
    if (acceptedUntil != null) {
      text.append(" until=").append(acceptedUntil);
    }
    return text.toString();
  }
}
