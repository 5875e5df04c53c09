package dev.spooler.submit;

/**
 * What a channel knows about a submission besides the message itself: the client's idempotency key
 * (a second submission with the same key is not accepted again), where the client wants replies,
 * and the correlation id those replies carry. All optional.
 */
public record SubmissionOrigin(
    String idempotencyKey, ReplyDestination replyTo, String correlationId) {

  /** Longest idempotency key the store keeps. */
  public static final int MAX_KEY_LENGTH = 200;

  /** Longest correlation id the store keeps. */
  public static final int MAX_CORRELATION_LENGTH = 250;

  /** A submission that came with nothing but itself (REST, the EJB facade). */
  public static final SubmissionOrigin NONE = new SubmissionOrigin(null, null, null);

  public SubmissionOrigin {
    if (idempotencyKey != null && idempotencyKey.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "an idempotency key has at most " + MAX_KEY_LENGTH + " characters");
    }
    if (correlationId != null && correlationId.length() > MAX_CORRELATION_LENGTH) {
      throw new IllegalArgumentException(
          "a correlation id has at most " + MAX_CORRELATION_LENGTH + " characters");
    }
  }

  public boolean wantsReplies() {
    return replyTo != null;
  }

  /** Whether anything of it must be kept with the message. */
  boolean isWorthKeeping() {
    return idempotencyKey != null || replyTo != null;
  }
}
