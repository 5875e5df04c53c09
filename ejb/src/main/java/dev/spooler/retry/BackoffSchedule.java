package dev.spooler.retry;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When to retry a transient failure, like Postfix: the first retry after {@code first}, each next
 * one twice as late, never more than {@code maxInterval} apart; past {@code lifetime} after
 * submission a recipient expires; past {@code delayWarning} its sender is told once that it is
 * delayed. Configured with the server properties {@code spooler.retry.first}, {@code
 * spooler.retry.max-interval}, {@code spooler.retry.lifetime} and {@code
 * spooler.retry.delay-warning} (ISO-8601 durations).
 */
@Dependent
public class BackoffSchedule {

  private final Duration first;
  private final Duration maxInterval;
  private final Duration lifetime;
  private final Duration delayWarning;

  @Inject
  public BackoffSchedule(
      @ConfigProperty(name = "spooler.retry.first", defaultValue = "PT5M") Duration first,
      @ConfigProperty(name = "spooler.retry.max-interval", defaultValue = "PT1H")
          Duration maxInterval,
      @ConfigProperty(name = "spooler.retry.lifetime", defaultValue = "P5D") Duration lifetime,
      @ConfigProperty(name = "spooler.retry.delay-warning", defaultValue = "PT4H")
          Duration delayWarning) {
    if (first.isNegative() || first.isZero() || maxInterval.compareTo(first) < 0) {
      throw new IllegalArgumentException(
          "retry schedule needs 0 < first <= max-interval, got " + first + " and " + maxInterval);
    }
    this.first = first;
    this.maxInterval = maxInterval;
    this.lifetime = lifetime;
    this.delayWarning = delayWarning;
  }

  /** How long to wait after failed attempt number {@code attempt} (1 is the first attempt). */
  public Duration delayAfterAttempt(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1, got " + attempt);
    }
    Duration delay = first;
    for (int i = 1; i < attempt && delay.compareTo(maxInterval) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxInterval) > 0 ? maxInterval : delay;
  }

  public boolean hasExpired(Instant submittedAt, Instant now) {
    return !now.isBefore(giveUpAt(submittedAt));
  }

  /** When a message submitted at {@code submittedAt} stops being retried. */
  public Instant giveUpAt(Instant submittedAt) {
    return submittedAt.plus(lifetime);
  }

  /** Whether a message this old, still undelivered, is worth a delay notice to its sender. */
  public boolean isDelayed(Instant submittedAt, Instant now) {
    return !now.isBefore(submittedAt.plus(delayWarning));
  }
}
