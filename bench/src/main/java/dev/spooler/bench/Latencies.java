package dev.spooler.bench;

import java.util.Arrays;

/** Percentiles of a set of durations in nanoseconds, reported in milliseconds. */
final class Latencies {

  private final long[] sorted;

  Latencies(long[] nanos) {
    sorted = nanos.clone();
    Arrays.sort(sorted);
  }

  double percentileMillis(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }
}
