package dev.spooler.metrics;

import dev.spooler.message.RecipientStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * This node's recent history for the console's charts, in memory and bounded: one point per {@link
 * #STEP} over the last hour, each with the delivered, failed and deferred recipients per second,
 * the waiting recipients per state at its end, and the accepted → final latency percentiles of the
 * recipients that ended in it. Nothing is kept across restarts: that is what /prometheus and a
 * time-series database are for.
 */
@ApplicationScoped
public class RecentSeries {

  public static final Duration STEP = Duration.ofSeconds(10);
  public static final Duration WINDOW = Duration.ofHours(1);
  static final int POINTS = (int) (WINDOW.toSeconds() / STEP.toSeconds());

  /** One step: rates per second over it, depths at its end, latencies in milliseconds. */
  public record Point(
      Instant at,
      double deliveredPerSecond,
      double failedPerSecond,
      double deferredPerSecond,
      Map<String, Long> waiting,
      Long latencyP50Millis,
      Long latencyP95Millis,
      Long latencyP99Millis) {}

  /** The window as served: its step, and its points oldest first. */
  public record Series(long stepSeconds, long windowSeconds, List<Point> points) {}

  private final Deque<Point> points = new ArrayDeque<>();
  private StepCounts current = new StepCounts();

  void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecipientStatusChanged change) {
    Long latency =
        change.status().isFinal() && change.acceptedAt() != null
            ? Duration.between(change.acceptedAt(), change.at()).toMillis()
            : null;
    synchronized (this) {
      current.count(change, latency);
    }
  }

  /** Ends the current step with the depths seen now; the oldest point leaves a full window. */
  public void endStep(Instant at, Map<String, Long> waiting) {
    StepCounts ended;
    synchronized (this) {
      ended = current;
      current = new StepCounts();
    }
    Point point = ended.toPoint(at, waiting);
    synchronized (points) {
      points.addLast(point);
      while (points.size() > POINTS) {
        points.removeFirst();
      }
    }
  }

  public Series series() {
    synchronized (points) {
      return new Series(STEP.toSeconds(), WINDOW.toSeconds(), new ArrayList<>(points));
    }
  }

  /** What happened within one step. Latencies: at most a bounded sample of them. */
  private static final class StepCounts {
    private static final int MAX_SAMPLES = 2048;

    private long delivered;
    private long failed;
    private long deferred;
    private long[] latencies = new long[64];
    private int samples;
    private long seen;

    void count(RecipientStatusChanged change, Long latency) {
      switch (change.status()) {
        case DELIVERED -> delivered++;
        case FAILED -> failed++;
        case DEFERRED -> deferred++;
        default -> {
          return;
        }
      }
      if (latency != null) {
        sample(latency);
      }
    }

    // Reservoir sampling: a busy step keeps an even sample of its latencies in bounded memory.
    private void sample(long latency) {
      seen++;
      if (samples < MAX_SAMPLES) {
        if (samples == latencies.length) {
          latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[samples++] = latency;
      } else {
        long slot = java.util.concurrent.ThreadLocalRandom.current().nextLong(seen);
        if (slot < MAX_SAMPLES) {
          latencies[(int) slot] = latency;
        }
      }
    }

    Point toPoint(Instant at, Map<String, Long> waiting) {
      double seconds = STEP.toSeconds();
      long[] sorted = Arrays.copyOf(latencies, samples);
      Arrays.sort(sorted);
      return new Point(
          at,
          delivered / seconds,
          failed / seconds,
          deferred / seconds,
          waiting,
          percentile(sorted, 0.50),
          percentile(sorted, 0.95),
          percentile(sorted, 0.99));
    }

    private static Long percentile(long[] sorted, double p) {
      if (sorted.length == 0) {
        return null;
      }
      int rank = (int) Math.ceil(p * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
  }
}
