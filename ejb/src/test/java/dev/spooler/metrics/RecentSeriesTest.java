package dev.spooler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spooler.message.RecipientStatus;
import dev.spooler.message.RecipientStatusChanged;
import dev.spooler.message.Stage;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecentSeriesTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private final RecentSeries series = new RecentSeries();

  @Test
  void aStepHasRatesPerSecondDepthsAndLatencyPercentiles() {
    for (int i = 1; i <= 100; i++) {
      series.changed(change(RecipientStatus.DELIVERED, i * 10));
    }
    series.changed(change(RecipientStatus.FAILED, 5000));
    series.changed(change(RecipientStatus.DEFERRED, 0));
    series.changed(change(RecipientStatus.HELD, 0));
    series.endStep(T0.plusSeconds(10), Map.of("queued", 3L, "deferred", 1L, "held", 0L));

    RecentSeries.Point point = series.series().points().get(0);
    assertThat(point.deliveredPerSecond()).isEqualTo(10.0);
    assertThat(point.failedPerSecond()).isEqualTo(0.1);
    assertThat(point.deferredPerSecond()).isEqualTo(0.1);
    assertThat(point.waiting()).containsEntry("queued", 3L);
    assertThat(point.latencyP50Millis()).isEqualTo(510);
    assertThat(point.latencyP99Millis()).isEqualTo(1000);
  }

  @Test
  void aQuietStepHasZeroRatesAndNoLatency() {
    series.endStep(T0, Map.of());
    RecentSeries.Point point = series.series().points().get(0);
    assertThat(point.deliveredPerSecond()).isZero();
    assertThat(point.latencyP95Millis()).isNull();
  }

  @Test
  void theWindowKeepsTheLastHourOnly() {
    for (int i = 0; i < RecentSeries.POINTS + 5; i++) {
      series.endStep(T0.plusSeconds(10L * i), Map.of());
    }
    assertThat(series.series().points())
        .hasSize(RecentSeries.POINTS)
        .first()
        .extracting(RecentSeries.Point::at)
        .isEqualTo(T0.plusSeconds(50));
  }

  private static RecipientStatusChanged change(RecipientStatus status, long latencyMillis) {
    Instant at = T0.plusSeconds(5);
    return new RecipientStatusChanged(
        UUID.randomUUID(),
        1,
        "SMTP:a@example.org",
        RecipientStatus.PENDING,
        status,
        null,
        null,
        "smtp",
        1,
        at,
        Stage.TRANSPORT,
        at.minusMillis(latencyMillis));
  }
}
