package dev.spooler.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spooler.transport.DeliveryOutcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every outcome class and the edges of the retry lifetime and the client's expiry. */
class RetryPolicyTest {

  private static final Instant SUBMITTED = Instant.parse("2026-12-01T08:00:00Z");
  private static final Duration LIFETIME = Duration.ofDays(5);

  private final RetryPolicy policy =
      new RetryPolicy(
          new BackoffSchedule(
              Duration.ofMinutes(5), Duration.ofHours(1), LIFETIME, Duration.ofHours(4)));

  private final DeliveryOutcome busy = DeliveryOutcome.transientFailure("4.2.1", "451 busy");

  @Test
  void aDeliveredOutcomeIsDelivered() {
    RetryDecision decision =
        policy.decide(DeliveryOutcome.delivered("2.0.0", "250 ok"), 0, SUBMITTED, null, SUBMITTED);

    assertThat(decision).isEqualTo(new RetryDecision.Delivered("2.0.0", "250 ok"));
  }

  @Test
  void aPermanentFailureFailsAtOnceWhateverTheAttempts() {
    RetryDecision decision =
        policy.decide(
            DeliveryOutcome.permanentFailure("5.1.1", "550 unknown"),
            0,
            SUBMITTED,
            null,
            SUBMITTED);

    assertThat(decision).isEqualTo(new RetryDecision.Failed("5.1.1", "550 unknown"));
  }

  @Test
  void aTransientFailureIsDeferredByTheBackoffOfTheRecipientsNextAttempt() {
    Instant now = SUBMITTED.plusSeconds(60);

    assertThat(policy.decide(busy, 0, SUBMITTED, null, now))
        .isEqualTo(new RetryDecision.Deferred("4.2.1", "451 busy", now.plusSeconds(300)));
    assertThat(policy.decide(busy, 3, SUBMITTED, null, now))
        .isEqualTo(new RetryDecision.Deferred("4.2.1", "451 busy", now.plusSeconds(2400)));
    assertThat(policy.decide(busy, 30, SUBMITTED, null, now))
        .isEqualTo(new RetryDecision.Deferred("4.2.1", "451 busy", now.plusSeconds(3600)));
  }

  @Test
  void theLastRetryIsScheduledAtTheEndOfTheLifetimeNotAfterIt() {
    Instant giveUp = SUBMITTED.plus(LIFETIME);
    Instant now = giveUp.minusSeconds(60);

    RetryDecision decision = policy.decide(busy, 30, SUBMITTED, null, now);

    assertThat(decision).isEqualTo(new RetryDecision.Deferred("4.2.1", "451 busy", giveUp));
  }

  @Test
  void aTransientFailureAtTheEndOfTheLifetimeExpires() {
    Instant giveUp = SUBMITTED.plus(LIFETIME);

    assertThat(policy.decide(busy, 30, SUBMITTED, null, giveUp))
        .isEqualTo(new RetryDecision.Failed("4.4.7", "expired after retrying: 451 busy"));
    assertThat(policy.decide(busy, 30, SUBMITTED, null, giveUp.minusMillis(1)))
        .isInstanceOf(RetryDecision.Deferred.class);
  }

  @Test
  void aRetryIsNeverScheduledPastTheClientsExpiry() {
    Instant expires = SUBMITTED.plusSeconds(120);

    RetryDecision decision = policy.decide(busy, 0, SUBMITTED, expires, SUBMITTED.plusSeconds(60));

    assertThat(decision).isEqualTo(new RetryDecision.Deferred("4.2.1", "451 busy", expires));
  }

  @Test
  void aMessageIsNotSentAtOrAfterTheClientsExpiry() {
    Instant expires = SUBMITTED.plusSeconds(120);

    assertThat(policy.beforeSend(expires, expires.minusMillis(1))).isEmpty();
    assertThat(policy.beforeSend(expires, expires))
        .contains(
            new RetryDecision.Failed("4.4.7", "expired: not delivered by 2026-12-01T08:02:00Z"));
    assertThat(policy.beforeSend(null, expires)).isEmpty();
  }
}
