package dev.spooler.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffScheduleTest {

  private final BackoffSchedule postfixLike =
      new BackoffSchedule(
          Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(5), Duration.ofHours(4));

  @Test
  void delaysDoubleFromTheFirstUpToTheMaximum() {
    assertThat(postfixLike.delayAfterAttempt(1)).isEqualTo(Duration.ofMinutes(5));
    assertThat(postfixLike.delayAfterAttempt(2)).isEqualTo(Duration.ofMinutes(10));
    assertThat(postfixLike.delayAfterAttempt(3)).isEqualTo(Duration.ofMinutes(20));
    assertThat(postfixLike.delayAfterAttempt(4)).isEqualTo(Duration.ofMinutes(40));
    assertThat(postfixLike.delayAfterAttempt(5)).isEqualTo(Duration.ofHours(1));
    assertThat(postfixLike.delayAfterAttempt(1_000)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void recipientExpiresWhenItsLifetimeHasPassed() {
    Instant submitted = Instant.parse("2026-11-01T00:00:00Z");

    assertThat(
            postfixLike.hasExpired(submitted, submitted.plus(Duration.ofDays(5)).minusSeconds(1)))
        .isFalse();
    assertThat(postfixLike.hasExpired(submitted, submitted.plus(Duration.ofDays(5)))).isTrue();
  }

  @Test
  void scheduleMustStartBelowItsMaximum() {
    assertThatThrownBy(
            () ->
                new BackoffSchedule(
                    Duration.ofHours(2),
                    Duration.ofHours(1),
                    Duration.ofDays(5),
                    Duration.ofHours(4)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> postfixLike.delayAfterAttempt(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
