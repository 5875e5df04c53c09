package dev.spooler.management;

import dev.spooler.message.RecipientStatus;

/** The queues an operator sees, as Postfix's postqueue shows them. */
public enum QueueState {
  /** Accepted and waiting for its first (or a released) attempt. */
  QUEUED(RecipientStatus.PENDING),
  /** Tried, and waiting for its next attempt. */
  DEFERRED(RecipientStatus.DEFERRED),
  /** Held by an operator: never sent until released. */
  HELD(RecipientStatus.HELD),
  /** A stage message that kept failing and is in the dead-letter queue {@code spooler.dead}. */
  DEAD_LETTERED(null);

  private final RecipientStatus status;

  QueueState(RecipientStatus status) {
    this.status = status;
  }

  /** The recipient status of this queue; none for the dead-letter queue. */
  public RecipientStatus status() {
    return status;
  }
}
