package dev.spooler.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Why a stage gave up on a message after its last delivery attempt: the stage, the hook that
 * failed, and the exception. The message itself stays in the store and its stage message goes to
 * {@code spooler.dead}, so an operator can requeue it.
 */
@Entity
@Table(
    name = "spool_dead_letter",
    indexes = @Index(name = "spool_dead_letter_message", columnList = "message_id"))
public class DeadLetter {

  private static final int MAX_REASON = 2000;

  @Id private UUID id;

  @Column(name = "message_id", nullable = false)
  private UUID messageId;

  @Column(nullable = false, length = 40)
  private String stage;

  @Column(length = 100)
  private String hook;

  @Column(nullable = false, length = MAX_REASON)
  private String reason;

  @Column(name = "dead_at", nullable = false)
  private Instant deadAt;

  protected DeadLetter() {}

  public DeadLetter(UUID messageId, String stage, String hook, String reason, Instant deadAt) {
    this.id = UUID.randomUUID();
    this.messageId = messageId;
    this.stage = stage;
    this.hook = hook;
    this.reason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    this.deadAt = deadAt;
  }

  public UUID messageId() {
    return messageId;
  }

  public String stage() {
    return stage;
  }

  public String hook() {
    return hook;
  }

  public String reason() {
    return reason;
  }

  public Instant deadAt() {
    return deadAt;
  }
}
