package dev.spooler.retry;

import java.time.Instant;

/** What becomes of a recipient after one send: the three ends {@link RetryPolicy} can choose. */
public sealed interface RetryDecision {

  String statusCode();

  String diagnostic();

  /** The recipient's system took the message. */
  record Delivered(String statusCode, String diagnostic) implements RetryDecision {}

  /** Try again at {@code nextAttemptAt}, not before. */
  record Deferred(String statusCode, String diagnostic, Instant nextAttemptAt)
      implements RetryDecision {}

  /** Never again: the recipient fails (and its sender may get a non-delivery report). */
  record Failed(String statusCode, String diagnostic) implements RetryDecision {}
}
