package dev.spooler.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * A recipient is still undelivered past the delay-warning age: its sender is due one delay notice.
 * Fired once per recipient, in the transaction that recorded it.
 */
public record RecipientDelayed(
    UUID messageId, long recipientId, String address, String diagnostic, Instant at) {}
