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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A submitted message: its content once, and its recipients with their delivery state. */
@Entity
@Table(name = "spool_message")
public class Message {

  /** Largest body the store keeps, in characters. */
  public static final int MAX_BODY_LENGTH = 1_000_000;

  /** MAPI's class of an ordinary message. */
  public static final String NOTE_CLASS = "IPM.Note";

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

  /** The MAPI message class: {@code IPM.Note} for a note, {@code REPORT.IPM.Note.NDR} etc. */
  @Column(name = "message_class", length = 64)
  private String messageClass;

  /** The whole message as MIME, for messages that arrive or are made as MIME (reports). */
  // A byte string (PostgreSQL bytea, H2 binary varying), not a @Lob: on PostgreSQL Hibernate maps
  // a @Lob to a large-object oid, which outlives its row unless something unlinks it.
  @JdbcTypeCode(SqlTypes.VARBINARY)
  @Column(name = "mime_content")
  private byte[] mimeContent;

  /** For a report: the message it reports on. */
  @Column(name = "report_of")
  private UUID reportOf;

  /** When the pre-processing hooks ran; they run once per message. */
  @Column(name = "preprocessed_at")
  private Instant preprocessedAt;

  /** The sender's envelope id (SMTP DSN ENVID), echoed in reports. */
  @Column(name = "envelope_id", length = 100)
  private String envelopeId;

  /** What the sender's failure reports return (SMTP DSN RET); null: not asked. */
  @Enumerated(EnumType.STRING)
  @Column(name = "dsn_ret", columnDefinition = "varchar(4)")
  private ReturnOfContent ret;

  /** The authenticated principal that submitted it; null for in-server and spooler-made mail. */
  @Column(name = "submitted_by", length = 200)
  private String submittedBy;

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

  /**
   * A report about {@code original}, already rendered as MIME. Its envelope sender is the null
   * reverse path ({@code sender} is empty), so that nothing ever reports on it.
   */
  public static Message report(
      Message original,
      ReportKind kind,
      UUID id,
      String messageIdHeader,
      String subject,
      String text,
      byte[] mime,
      Instant at) {
    Message report = new Message();
    report.id = id;
    report.messageIdHeader = messageIdHeader;
    report.sender = "";
    report.subject = subject;
    report.body = text;
    report.submittedAt = at;
    report.messageClass = kind.messageClassFor(original.messageClass());
    report.mimeContent = mime;
    report.reportOf = original.id();
    report.priority = original.priority();
    return report;
  }

  /**
   * A message received from a messaging system, kept as the MIME it came as; {@code text} is its
   * readable body, for listings and search.
   */
  public static Message received(
      String messageIdHeader, String sender, String subject, String text, byte[] mime, Instant at) {
    Message received = new Message();
    received.id = UUID.randomUUID();
    received.messageIdHeader = messageIdHeader;
    received.sender = sender;
    received.subject = subject;
    received.body = text;
    received.submittedAt = at;
    received.messageClass = NOTE_CLASS;
    received.mimeContent = mime;
    return received;
  }

  /**
   * Keeps the MIME a client submitted as it came (SMTP): the transports send these bytes, under the
   * client's own Message-ID.
   */
  public void submittedAsMime(String messageIdHeader, byte[] mime) {
    this.messageIdHeader = messageIdHeader;
    this.mimeContent = mime;
    this.messageClass = NOTE_CLASS;
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

  public Recipient addRecipient(Address address, RecipientKind kind) {
    Recipient recipient = new Recipient(this, recipients.size(), address, kind);
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

  public String submittedBy() {
    return submittedBy;
  }

  /** Records who submitted it, for ownership checks when it is read back. */
  public void submittedBy(String principal) {
    this.submittedBy = principal;
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

  public void identifyEnvelope(String envelopeId) {
    this.envelopeId = envelopeId;
  }

  /** The sender's RFC 3461 RET: what its failure reports return of it (null: not asked). */
  public void returnInReports(ReturnOfContent ret) {
    this.ret = ret;
  }

  public ReturnOfContent ret() {
    return ret;
  }

  public String messageClass() {
    return messageClass == null ? NOTE_CLASS : messageClass;
  }

  public boolean isReport() {
    return reportOf != null;
  }

  /** The message as MIME when it came or was made as MIME, otherwise null. */
  public byte[] mimeContent() {
    return mimeContent;
  }

  public UUID reportOf() {
    return reportOf;
  }

  public String envelopeId() {
    return envelopeId;
  }

  public boolean isPreprocessed() {
    return preprocessedAt != null;
  }

  /**
   * Records that pre-processing ran; {@code mime}, when not null, is the message as the hooks left
   * it, and is what the transports send.
   */
  public void preprocessed(byte[] mime, Instant at) {
    if (mime != null) {
      this.mimeContent = mime;
    }
    this.preprocessedAt = at;
  }

  /** A hook changed the envelope sender (address rewriting, masquerading). */
  public void changeSender(String typedAddress) {
    this.sender = typedAddress;
  }

  /** A post-processing hook changed an arrived message (only fetched messages are changed). */
  public void replaceReceivedMime(byte[] mime) {
    if (mimeContent == null || !recipients.isEmpty()) {
      throw new IllegalStateException("only a fetched message's content can be replaced");
    }
    this.mimeContent = mime;
  }

  /** A message fetched from an inbound account (kept as MIME, no outbound recipients). */
  public boolean isFetched() {
    return mimeContent != null && recipients.isEmpty() && reportOf == null;
  }
}
