package dev.spooler.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeliveryOutcomeTest {

  @Test
  void statusCodeMustMatchTheOutcome() {
    assertThatThrownBy(() -> DeliveryOutcome.delivered("5.1.1", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeliveryOutcome.transientFailure("5.0.0", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyNoAnswerAndBrokenConnectionMeanUnreachable() {
    assertThat(DeliveryOutcome.transientFailure("4.4.1", "refused").isUnreachable()).isTrue();
    assertThat(DeliveryOutcome.transientFailure("4.4.2", "reset").isUnreachable()).isTrue();
    assertThat(DeliveryOutcome.transientFailure("4.7.1", "greylisted").isUnreachable()).isFalse();
    assertThat(DeliveryOutcome.permanentFailure("5.4.1", "x").isUnreachable()).isFalse();
  }

  @Test
  void statusCodeMustBeAnRfc3463Code() {
    assertThatThrownBy(() -> DeliveryOutcome.permanentFailure("550", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
