package dev.spooler.it;

import dev.spooler.message.RecipientStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test observer in the server: keeps every committed recipient status change. */
@ApplicationScoped
public class RecordedStatusChanges {

  private final BlockingQueue<RecipientStatusChanged> changes = new LinkedBlockingQueue<>();

  void record(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecipientStatusChanged change) {
    changes.add(change);
  }

  /** The next committed change of this message, waiting at most {@code timeout}; null if none. */
  public RecipientStatusChanged next(UUID messageId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      RecipientStatusChanged change = changes.poll(left, TimeUnit.NANOSECONDS);
      if (change != null && change.messageId().equals(messageId)) {
        return change;
      }
    }
    return null;
  }
}
