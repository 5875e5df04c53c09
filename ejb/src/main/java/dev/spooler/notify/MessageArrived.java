package dev.spooler.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * A message was filed in a mailbox folder. Fired in the transaction that filed it. {@code entryId}
 * identifies the filing (the mailbox entry): it increases with each arrival in a mailbox, so a
 * client that saw entry N can ask for what came after.
 */
public record MessageArrived(
    String mailbox,
    String folder,
    UUID messageId,
    String from,
    String subject,
    Instant receivedAt,
    long entryId) {}
