package dev.spooler.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransportCircuitTest {

  private final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
  private final TransportCircuit circuit =
      new TransportCircuit(Duration.ofSeconds(30), Duration.ofMinutes(2));

  @Test
  void closedCircuitLetsEverySendThrough() {
    assertThat(circuit.tryAcquire(t0)).isTrue();
    assertThat(circuit.tryAcquire(t0)).isTrue();
    assertThat(circuit.state().open()).isFalse();
  }

  @Test
  void unreachableSystemOpensTheCircuitAndOthersWaitForTheProbeTime() {
    circuit.record(false, t0);

    assertThat(circuit.state()).isEqualTo(new TransportCircuit.State(true, t0));
    assertThat(circuit.tryAcquire(t0.plusSeconds(10))).isFalse();
    assertThat(circuit.waitFrom(t0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void onlyOneProbeAtATime() {
    circuit.record(false, t0);

    assertThat(circuit.tryAcquire(t0.plusSeconds(30))).isTrue();
    assertThat(circuit.tryAcquire(t0.plusSeconds(31))).isFalse();
    assertThat(circuit.tryAcquire(t0.plusSeconds(45))).isFalse();
  }

  @Test
  void failedProbeKeepsItOpenSinceTheFirstFailure() {
    circuit.record(false, t0);
    circuit.tryAcquire(t0.plusSeconds(30));
    circuit.record(false, t0.plusSeconds(31));

    assertThat(circuit.state()).isEqualTo(new TransportCircuit.State(true, t0));
    assertThat(circuit.tryAcquire(t0.plusSeconds(60))).isFalse();
    assertThat(circuit.tryAcquire(t0.plusSeconds(61))).isTrue();
  }

  @Test
  void successfulProbeClosesIt() {
    circuit.record(false, t0);
    circuit.tryAcquire(t0.plusSeconds(30));
    circuit.record(true, t0.plusSeconds(31));

    assertThat(circuit.state()).isEqualTo(new TransportCircuit.State(false, t0.plusSeconds(31)));
    assertThat(circuit.tryAcquire(t0.plusSeconds(31))).isTrue();
  }

  @Test
  void probeThatNeverReportedBackIsReplacedAfterTheTimeout() {
    circuit.record(false, t0);
    assertThat(circuit.tryAcquire(t0.plusSeconds(30))).isTrue();

    assertThat(circuit.tryAcquire(t0.plusSeconds(149))).isFalse();
    assertThat(circuit.tryAcquire(t0.plusSeconds(150))).isTrue();
  }

  @Test
  void closingAnOpenCircuitTellsOnceAndOnlyThen() {
    AtomicInteger closings = new AtomicInteger();
    TransportCircuit told =
        new TransportCircuit(
            Duration.ofSeconds(30), Duration.ofMinutes(2), closings::incrementAndGet);

    told.record(true, t0);
    told.record(false, t0.plusSeconds(1));
    assertThat(closings).hasValue(0);
    told.tryAcquire(t0.plusSeconds(31));
    told.record(true, t0.plusSeconds(32));
    told.record(true, t0.plusSeconds(33));

    assertThat(closings).hasValue(1);
  }

  @Test
  void retryNowMakesTheNextProbeDueAtOnce() {
    circuit.record(false, t0);
    assertThat(circuit.tryAcquire(t0.plusSeconds(5))).isFalse();

    assertThat(circuit.probeNow(t0.plusSeconds(5))).isTrue();

    assertThat(circuit.tryAcquire(t0.plusSeconds(5))).isTrue();
    assertThat(circuit.tryAcquire(t0.plusSeconds(6))).as("still one probe at a time").isFalse();
  }

  @Test
  void retryNowLeavesARunningProbeToFinish() {
    circuit.record(false, t0);
    assertThat(circuit.tryAcquire(t0.plusSeconds(30))).isTrue();

    circuit.probeNow(t0.plusSeconds(31));

    assertThat(circuit.tryAcquire(t0.plusSeconds(31))).isFalse();
  }

  @Test
  void retryNowOnAClosedCircuitChangesNothing() {
    assertThat(circuit.probeNow(t0)).isFalse();
    assertThat(circuit.state().open()).isFalse();
  }
}
