package dev.spooler.submit;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * How accepted submissions are grouped into transactions. {@code batchSize}: most submissions one
 * transaction carries (a batch call's submissions are never split, so one of those may be larger);
 * {@code batchWait}: how long a batch that found company waits for more (a lone submission never
 * waits); {@code capacity}: most submissions waiting or being stored at once, past which a new one
 * is refused as overload (it bounds the memory they hold); {@code workers}: batches stored at once.
 */
public record AcceptSettings(int batchSize, Duration batchWait, int capacity, int workers) {

  public static final int MAX_BATCH_CALL = 1000;

  public AcceptSettings {
    if (batchSize < 1 || capacity < 1 || workers < 1 || batchWait.isNegative()) {
      throw new IllegalArgumentException(
          "spooler.accept.*: batch-size, capacity and workers must be positive, batch-wait not"
              + " negative");
    }
  }

  static AcceptSettings read(Config config) {
    return new AcceptSettings(
        config.getOptionalValue("spooler.accept.batch-size", Integer.class).orElse(100),
        config
            .getOptionalValue("spooler.accept.batch-wait", String.class)
            .map(Duration::parse)
            .orElse(Duration.ofMillis(2)),
        config.getOptionalValue("spooler.accept.capacity", Integer.class).orElse(2000),
        config.getOptionalValue("spooler.accept.workers", Integer.class).orElse(2));
  }
}
