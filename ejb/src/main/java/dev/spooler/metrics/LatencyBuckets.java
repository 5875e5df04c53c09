package dev.spooler.metrics;

import java.time.Duration;
import java.util.List;

/**
 * The upper bounds (seconds) of the accepted → final latency histogram, from a local delivery to a
 * recipient that waited out the 5-day retry lifetime.
 */
final class LatencyBuckets {

  static final List<Double> UPPER_BOUNDS =
      List.of(
          0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0, 14400.0, 86400.0,
          432000.0);

  private LatencyBuckets() {}

  /** The {@code le} labels a latency counts in: every bound at or above it, and {@code +Inf}. */
  static List<String> containing(Duration latency) {
    double seconds = latency.toNanos() / 1e9;
    List<String> labels =
        new java.util.ArrayList<>(
            UPPER_BOUNDS.stream().filter(b -> seconds <= b).map(LatencyBuckets::label).toList());
    labels.add("+Inf");
    return labels;
  }

  static String label(double bound) {
    return bound == Math.rint(bound) ? String.valueOf((long) bound) + ".0" : String.valueOf(bound);
  }
}
