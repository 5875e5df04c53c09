package dev.spooler.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a client sees of a submitted message: its envelope and each recipient's delivery state. */
public record MessageStatus(
    UUID id,
    String messageId,
    String from,
    String subject,
    Instant submittedAt,
    Priority priority,
    Instant deferredUntil,
    Instant expiresAt,
    List<RecipientState> recipients) {

  /** One recipient's state, as recorded. */
  public record RecipientState(
      long id,
      String address,
      RecipientKind kind,
      RecipientStatus status,
      String transport,
      int attempts,
      Instant nextAttemptAt,
      String statusCode,
      String diagnostic,
      Instant updatedAt,
      Instant delayWarnedAt) {

    static RecipientState of(Recipient r) {
      return new RecipientState(
          r.id(),
          r.address(),
          r.kind(),
          r.status(),
          r.transport(),
          r.attempts(),
          r.nextAttemptAt(),
          r.statusCode(),
          r.diagnostic(),
          r.updatedAt(),
          r.delayWarnedAt());
    }
  }

  static MessageStatus of(Message m) {
    return new MessageStatus(
        m.id(),
        m.messageIdHeader(),
        m.sender(),
        m.subject(),
        m.submittedAt(),
        m.priority(),
        m.deferredUntil(),
        m.expiresAt(),
        m.recipients().stream().map(RecipientState::of).toList());
  }
}
