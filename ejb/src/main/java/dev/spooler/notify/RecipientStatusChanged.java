package dev.spooler.notify;

import dev.spooler.message.RecipientStatus;
import java.time.Instant;
import java.util.UUID;

/** A recipient's delivery status changed. Fired in the transaction that made the change. */
public record RecipientStatusChanged(
    UUID messageId,
    long recipientId,
    String address,
    RecipientStatus previous,
    RecipientStatus status,
    String statusCode,
    String diagnostic,
    String transport,
    int attempts,
    Instant at) {}
