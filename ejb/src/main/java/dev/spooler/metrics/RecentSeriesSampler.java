package dev.spooler.metrics;

import dev.spooler.ops.QueueDepths;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;

/** Ends a step of {@link RecentSeries} every ten seconds, with the waiting recipients by state. */
@Singleton
public class RecentSeriesSampler {

  @Inject private RecentSeries series;
  @EJB private QueueDepths depths;

  // Not persistent: a step missed while the node was down is simply not in its window.
  @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
  void endStep() {
    Map<String, Long> waiting = depths.recipients();
    series.endStep(Instant.now(), waiting);
  }
}
