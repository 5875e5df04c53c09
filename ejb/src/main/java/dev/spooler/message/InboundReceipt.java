package dev.spooler.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;

/**
 * That a message fetched from an inbound account was stored here. Its key (the Message-ID, or a
 * hash of the content when there is none) is unique per account: a message fetched again, because
 * the remote copy was not yet removed when the spooler stopped, is recognised and not filed twice.
 */
@Entity
@Table(
    name = "spool_inbound_receipt",
    uniqueConstraints = @UniqueConstraint(columnNames = {"account", "message_key"}))
public class InboundReceipt {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "spool_inbound_receipt_seq")
  @SequenceGenerator(name = "spool_inbound_receipt_seq", allocationSize = 50)
  private Long id;

  @Column(nullable = false, length = 64)
  private String account;

  @Column(name = "message_key", nullable = false, length = 250)
  private String messageKey;

  @Column(name = "message_id", nullable = false)
  private UUID messageId;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  protected InboundReceipt() {}

  public InboundReceipt(String account, String messageKey, UUID messageId, Instant receivedAt) {
    this.account = account;
    this.messageKey = messageKey;
    this.messageId = messageId;
    this.receivedAt = receivedAt;
  }

  public UUID messageId() {
    return messageId;
  }
}
