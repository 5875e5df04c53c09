package dev.spooler.management;

import java.time.Duration;

/**
 * Which queue entries an operator means: the state, and optionally the sender and the recipient
 * (bare or typed address, case-insensitive), the transport and a minimum age since acceptance.
 */
public record QueueFilter(
    QueueState state, String sender, String recipient, String transport, Duration olderThan) {

  public QueueFilter {
    if (state == null) {
      throw new IllegalArgumentException("a queue filter needs a state");
    }
    sender = blankToNull(sender);
    recipient = blankToNull(recipient);
    transport = blankToNull(transport);
    if (olderThan != null && olderThan.isNegative()) {
      throw new IllegalArgumentException("age must not be negative: " + olderThan);
    }
  }

  public static QueueFilter of(QueueState state) {
    return new QueueFilter(state, null, null, null, null);
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
    return text.toString();
  }
}
