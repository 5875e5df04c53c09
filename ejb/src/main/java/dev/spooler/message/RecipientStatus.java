package dev.spooler.message;

/**
 * Where one recipient of a message stands. DELIVERED and FAILED are final; HELD waits for an
 * operator to release it and is never sent meanwhile.
 */
public enum RecipientStatus {
  PENDING,
  DEFERRED,
  HELD,
  DELIVERED,
  FAILED;

  public boolean isFinal() {
    return this == DELIVERED || this == FAILED;
  }

  /** A status a transport may send from: waiting for its first or its next attempt. */
  public boolean isSendable() {
    return this == PENDING || this == DEFERRED;
  }
}
