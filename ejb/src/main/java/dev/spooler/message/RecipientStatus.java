package dev.spooler.message;

/** Where one recipient of a message stands. DELIVERED and FAILED are final. */
public enum RecipientStatus {
  PENDING,
  DEFERRED,
  DELIVERED,
  FAILED;

  public boolean isFinal() {
    return this == DELIVERED || this == FAILED;
  }
}
