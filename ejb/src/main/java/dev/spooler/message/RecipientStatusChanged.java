package dev.spooler.message;

import java.time.Instant;
import java.util.UUID;

/**
 * A recipient's delivery status changed. Fired in the transaction that made the change. {@code
 * acceptedAt} is when its message was accepted, so that observers can measure accepted → final.
 */
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
    Instant at,
    Stage stage,
    Instant acceptedAt) {}
