package dev.spooler.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An arriving message a post-processing hook refused: it was kept, but not filed. */
@Entity
@Table(
    name = "spool_rejected_arrival",
    indexes = @Index(name = "spool_rejected_arrival_message", columnList = "message_id"))
public class RejectedArrival {

  @Id private UUID id;

  @Column(name = "message_id", nullable = false)
  private UUID messageId;

  @Column(nullable = false, length = 64)
  private String mailbox;

  @Column(nullable = false, length = 100)
  private String hook;

  @Column(nullable = false, length = 1000)
  private String reason;

  @Column(name = "rejected_at", nullable = false)
  private Instant rejectedAt;

  protected RejectedArrival() {}

  public RejectedArrival(
      UUID messageId, String mailbox, String hook, String reason, Instant rejectedAt) {
    this.id = UUID.randomUUID();
    this.messageId = messageId;
    this.mailbox = mailbox;
    this.hook = hook;
    this.reason = reason == null ? "" : reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    this.rejectedAt = rejectedAt;
  }

  public String mailbox() {
    return mailbox;
  }

  public String hook() {
    return hook;
  }

  public String reason() {
    return reason;
  }

  public Instant rejectedAt() {
    return rejectedAt;
  }
}
