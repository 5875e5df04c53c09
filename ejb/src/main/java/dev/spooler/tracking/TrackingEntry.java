package dev.spooler.tracking;

import dev.spooler.message.RecipientStatus;
import dev.spooler.message.Stage;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One line of the tracking log: what happened to one recipient, when, where and why. Copies what it
 * needs from the message, so that it outlives the message and is found without a join.
 */
@Entity
@Table(
    name = "spool_tracking",
    indexes = {
      @Index(name = "spool_tracking_message", columnList = "message_id"),
      @Index(name = "spool_tracking_header", columnList = "message_id_header"),
      @Index(name = "spool_tracking_sender", columnList = "sender"),
      @Index(name = "spool_tracking_recipient", columnList = "recipient"),
      @Index(name = "spool_tracking_at", columnList = "at")
    })
public class TrackingEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "spool_tracking_seq")
  @SequenceGenerator(name = "spool_tracking_seq", allocationSize = 50)
  private Long id;

  @Column(name = "message_id", nullable = false)
  private UUID messageId;

  @Column(name = "message_id_header", nullable = false, length = 250)
  private String messageIdHeader;

  @Column(nullable = false, length = 320)
  private String sender;

  @Column(name = "recipient_id", nullable = false)
  private long recipientId;

  @Column(nullable = false, length = 330)
  private String recipient;

  @Column(nullable = false)
  private Instant at;

  // Plain varchar, not H2's native ENUM (see Recipient.status).
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, columnDefinition = "varchar(10)")
  private Stage stage;

  @Column(length = 40)
  private String transport;

  @Enumerated(EnumType.STRING)
  @Column(columnDefinition = "varchar(10)")
  private RecipientStatus previous;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, columnDefinition = "varchar(10)")
  private RecipientStatus status;

  @Column(name = "status_code", length = 12)
  private String statusCode;

  @Column(length = 1000)
  private String diagnostic;

  @Column(nullable = false)
  private int attempt;

  protected TrackingEntry() {}

  TrackingEntry(
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
      int attempt) {
    this.messageId = messageId;
    this.messageIdHeader = messageIdHeader;
    this.sender = sender;
    this.recipientId = recipientId;
    this.recipient = recipient;
    this.at = at;
    this.stage = stage;
    this.transport = transport;
    this.previous = previous;
    this.status = status;
    this.statusCode = statusCode;
    this.diagnostic = diagnostic;
    this.attempt = attempt;
  }

  TrackingEvent view() {
    return new TrackingEvent(
        id,
        messageId,
        messageIdHeader,
        sender,
        recipientId,
        recipient,
        at,
        stage,
        transport,
        previous,
        status,
        statusCode,
        diagnostic,
        attempt);
  }
}
