package dev.spooler.inbound;

import java.time.Duration;

/** What became of a message handed to a mailbox. */
public record Filing(Kind kind, String reason, Duration delay) {

  public enum Kind {
    FILED,
    /** It had already arrived in this mailbox: a redelivery, filed once. */
    ALREADY_FILED,
    NO_MAILBOX,
    /** A post-processing hook refused it; recorded, not filed. */
    REJECTED,
    /** A post-processing hook wants it again after {@code delay}. */
    DEFERRED
  }

  static Filing of(Kind kind) {
    return new Filing(kind, null, Duration.ZERO);
  }
}
