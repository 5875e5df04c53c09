package dev.spooler.submit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The channel metadata of an accepted message, kept beside it: the idempotency key (unique, so that
 * two racing submissions with one key cannot both commit) and where to send later replies.
 */
@Entity
@Table(name = "spool_client_request")
public class ClientRequest {

  @Id
  @Column(name = "message_id")
  private UUID messageId;

  @Column(name = "idempotency_key", unique = true, length = SubmissionOrigin.MAX_KEY_LENGTH)
  private String idempotencyKey;

  /** {@code queue:NAME} or {@code topic:NAME}; see {@link ReplyDestination}. */
  @Column(name = "reply_to", length = 300)
  private String replyTo;

  @Column(name = "correlation_id", length = SubmissionOrigin.MAX_CORRELATION_LENGTH)
  private String correlationId;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  protected ClientRequest() {}

  ClientRequest(UUID messageId, SubmissionOrigin origin, Instant receivedAt) {
    this.messageId = messageId;
    this.idempotencyKey = origin.idempotencyKey();
    this.replyTo = origin.replyTo() == null ? null : origin.replyTo().toString();
    this.correlationId = origin.correlationId();
    this.receivedAt = receivedAt;
  }

  public UUID messageId() {
    return messageId;
  }

  public SubmissionOrigin origin() {
    return new SubmissionOrigin(
        idempotencyKey, replyTo == null ? null : ReplyDestination.parse(replyTo), correlationId);
  }
}
