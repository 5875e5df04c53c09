package dev.spooler.queue;

import java.util.List;
import java.util.UUID;

/**
 * A claim check for one transport: send message {@code messageId} to these of its recipients. The
 * content stays in the store; the JMS message carries only this. {@code token} names this chain of
 * attempts: each recipient records the token of the one dispatch that may send to it, so a dispatch
 * made stale by an operator's "retry now" or "release" (a newer token) sends nothing.
 */
public record Dispatch(
    UUID messageId, String transport, List<Long> recipientIds, int attempt, String token) {

  public Dispatch {
    recipientIds = List.copyOf(recipientIds);
    if (recipientIds.isEmpty()) {
      throw new IllegalArgumentException("a dispatch needs at least one recipient");
    }
  }

  /** A new chain of attempts for these recipients, with a fresh token. */
  public static Dispatch first(
      UUID messageId, String transport, List<Long> recipientIds, int attempt) {
    return new Dispatch(messageId, transport, recipientIds, attempt, UUID.randomUUID().toString());
  }

  /** The same recipients' next attempt, narrowed to those still undelivered. */
  public Dispatch retry(List<Long> remaining) {
    return new Dispatch(messageId, transport, remaining, attempt + 1, token);
  }
}
