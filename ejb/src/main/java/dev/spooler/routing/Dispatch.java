package dev.spooler.routing;

import java.util.List;
import java.util.UUID;

/**
 * A claim check for one transport: send message {@code messageId} to these of its recipients. The
 * content stays in the store; the JMS message carries only this.
 */
public record Dispatch(UUID messageId, String transport, List<Long> recipientIds, int attempt) {

  public Dispatch {
    recipientIds = List.copyOf(recipientIds);
    if (recipientIds.isEmpty()) {
      throw new IllegalArgumentException("a dispatch needs at least one recipient");
    }
  }

  /** The same recipients' next attempt, narrowed to those still undelivered. */
  public Dispatch retry(List<Long> remaining) {
    return new Dispatch(messageId, transport, remaining, attempt + 1);
  }
}
