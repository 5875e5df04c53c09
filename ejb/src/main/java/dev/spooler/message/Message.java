package dev.spooler.message;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** A submitted message: its content once, and its recipients with their delivery state. */
@Entity
@Table(name = "spool_message")
public class Message {

  /** Largest body the store keeps, in characters. */
  public static final int MAX_BODY_LENGTH = 1_000_000;

  @Id private UUID id;

  /** The RFC 5322 Message-ID header, angle brackets included. */
  @Column(name = "message_id_header", nullable = false, length = 250)
  private String messageIdHeader;

  @Column(nullable = false, length = 320)
  private String sender;

  @Column(length = 998)
  private String subject;

  @Column(nullable = false, length = MAX_BODY_LENGTH)
  private String body;

  @Column(name = "submitted_at", nullable = false)
  private Instant submittedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, columnDefinition = "varchar(10)")
  private Priority priority = Priority.NORMAL;

  /** The sender asked not to send before this time. */
  @Column(name = "deferred_until")
  private Instant deferredUntil;

  /** The sender asked to give up if not delivered by this time. */
  @Column(name = "expires_at")
  private Instant expiresAt;

  @OneToMany(mappedBy = "message", cascade = CascadeType.PERSIST)
  @OrderBy("position")
  private List<Recipient> recipients = new ArrayList<>();

  protected Message() {}

  public Message(String sender, String subject, String body, String domain, Instant submittedAt) {
    this.id = UUID.randomUUID();
    this.messageIdHeader = "<" + id + "@" + domain + ">";
    this.sender = sender;
    this.subject = subject;
    this.body = body;
    this.submittedAt = submittedAt;
  }

  /** The sender's delivery options: priority, not before, not after. */
  public void schedule(Priority priority, Instant deferredUntil, Instant expiresAt) {
    this.priority = priority;
    this.deferredUntil = deferredUntil;
    this.expiresAt = expiresAt;
  }

  public boolean hasExpired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  public Recipient addRecipient(String address, String addressType, RecipientKind kind) {
    Recipient recipient = new Recipient(this, recipients.size(), address, addressType, kind);
    recipients.add(recipient);
    return recipient;
  }

  public UUID id() {
    return id;
  }

  public String messageIdHeader() {
    return messageIdHeader;
  }

  public String sender() {
    return sender;
  }

  public String subject() {
    return subject;
  }

  public String body() {
    return body;
  }

  public Instant submittedAt() {
    return submittedAt;
  }

  public Priority priority() {
    return priority;
  }

  public Instant deferredUntil() {
    return deferredUntil;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public List<Recipient> recipients() {
    return Collections.unmodifiableList(recipients);
  }
}
