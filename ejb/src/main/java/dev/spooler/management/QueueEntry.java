package dev.spooler.management;

import dev.spooler.message.Recipient;
import dev.spooler.message.RecipientStatus;
import java.time.Instant;
import java.util.UUID;

/** One recipient waiting in a queue, with its message's envelope. */
public record QueueEntry(
    UUID messageId,
    String messageIdHeader,
    String sender,
    String subject,
    Instant submittedAt,
    long recipientId,
    String recipient,
    String transport,
    RecipientStatus status,
    int attempts,
    Instant nextAttemptAt,
    String statusCode,
    String diagnostic,
    Instant updatedAt) {

  static QueueEntry of(Recipient r) {
    return new QueueEntry(
        r.message().id(),
        r.message().messageIdHeader(),
        r.message().sender(),
        r.message().subject(),
        r.message().submittedAt(),
        r.id(),
        r.address().toString(),
        r.transport(),
        r.status(),
        r.attempts(),
        r.nextAttemptAt(),
        r.statusCode(),
        r.diagnostic(),
        r.updatedAt());
  }
}
