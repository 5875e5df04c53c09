package dev.spooler.retry;

import dev.spooler.transport.DeliveryOutcome;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * The one place where a send's outcome becomes delivered, deferred until a time, or failed — where
 * "an SMTP 4xx becomes a retry". One attempt counter decides the wait: the recipient's own. A retry
 * is never scheduled past the end of the retry lifetime or the client's expiry, so the last attempt
 * (or the expiry) happens on time instead of up to one retry interval late, as Postfix's queue
 * lifetime does.
 */
@Dependent
public class RetryPolicy {

  /** RFC 3463: delivery time expired. */
  public static final String EXPIRED = "4.4.7";

  private final BackoffSchedule backoff;

  @Inject
  public RetryPolicy(BackoffSchedule backoff) {
    this.backoff = backoff;
  }

  /**
   * What becomes of a recipient already tried {@code attemptsBefore} times, of a message submitted
   * at {@code submittedAt} that the client wants given up at {@code expiresAt} (null: never), after
   * this send's {@code outcome} at {@code now}.
   */
  public RetryDecision decide(
      DeliveryOutcome outcome,
      int attemptsBefore,
      Instant submittedAt,
      Instant expiresAt,
      Instant now) {
    return switch (outcome.kind()) {
      case DELIVERED -> new RetryDecision.Delivered(outcome.statusCode(), outcome.diagnostic());
      case PERMANENT_FAILURE ->
          new RetryDecision.Failed(outcome.statusCode(), outcome.diagnostic());
      case TRANSIENT_FAILURE -> {
        if (backoff.hasExpired(submittedAt, now)) {
          yield new RetryDecision.Failed(
              EXPIRED, "expired after retrying: " + outcome.diagnostic());
        }
        Instant next = now.plus(backoff.delayAfterAttempt(attemptsBefore + 1));
        next = earliest(next, backoff.giveUpAt(submittedAt));
        if (expiresAt != null) {
          next = earliest(next, expiresAt);
        }
        yield new RetryDecision.Deferred(outcome.statusCode(), outcome.diagnostic(), next);
      }
    };
  }

  /** A message past the client's expiry fails before it is sent again. */
  public Optional<RetryDecision.Failed> beforeSend(Instant expiresAt, Instant now) {
    if (expiresAt != null && !now.isBefore(expiresAt)) {
      return Optional.of(
          new RetryDecision.Failed(EXPIRED, "expired: not delivered by " + expiresAt));
    }
    return Optional.empty();
  }

  /** Whether a message this old, still undelivered, is worth a delay notice to its sender. */
  public boolean isDelayed(Instant submittedAt, Instant now) {
    return backoff.isDelayed(submittedAt, now);
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
