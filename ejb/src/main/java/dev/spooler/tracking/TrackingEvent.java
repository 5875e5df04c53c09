package dev.spooler.tracking;

import dev.spooler.message.RecipientStatus;
import dev.spooler.message.Stage;
import java.time.Instant;
import java.util.UUID;

/**
 * One tracking log entry as clients see it. {@code previous == status} for an action that kept it.
 */
public record TrackingEvent(
    long id,
    UUID messageId,
    String messageIdHeader,
    String sender,
    long recipientId,
    String recipient,
    Instant at,
    Stage stage,
    String transport,
    RecipientStatus previous,
    RecipientStatus status,
    String statusCode,
    String diagnostic,
    int attempt) {}
