package dev.spooler.transport;

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
  void statusCodeMustBeAnRfc3463Code() {
    assertThatThrownBy(() -> DeliveryOutcome.permanentFailure("550", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
