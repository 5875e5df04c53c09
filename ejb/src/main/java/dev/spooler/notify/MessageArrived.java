package dev.spooler.notify;

/** A message was filed in a mailbox folder. Fired in the transaction that filed it. */
public record MessageArrived(
    String mailbox,
    String folder,
    java.util.UUID messageId,
    String from,
    String subject,
    java.time.Instant receivedAt) {}
