package dev.spooler.management;

import java.time.Instant;
import java.util.UUID;

/**
 * A stage message in the dead-letter queue: its JMS id (to requeue it by), the queue it died on,
 * the spooler message it is about (when its body names one) and a readable part of its body.
 */
public record DeadLetter(
    String id, String originalQueue, UUID messageId, Instant sentAt, String body) {

  /**
   * The queue's simple name, e.g. {@code spooler.transport} for {@code
   * jms.queue.spooler.transport}.
   */
  public String originalQueueName() {
    if (originalQueue == null) {
      return null;
    }
    int dot = originalQueue.startsWith("jms.queue.") ? "jms.queue.".length() : 0;
    return originalQueue.substring(dot);
  }
}
