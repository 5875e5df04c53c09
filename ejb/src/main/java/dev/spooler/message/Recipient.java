package dev.spooler.message;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One recipient of a message and its durable delivery state. Every status change goes through a
 * method here, which returns the event that describes it.
 */
@Entity
@Table(name = "spool_recipient")
public class Recipient {

  private static final int MAX_DIAGNOSTIC_LENGTH = 1000;

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "spool_recipient_seq")
  @SequenceGenerator(name = "spool_recipient_seq", allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "message_id")
  private Message message;

  @Column(nullable = false)
  private int position;

  /** The typed address, e.g. {@code SMTP:alice@example.org}. */
  @Column(nullable = false, length = 330)
  @Convert(converter = AddressColumn.class)
  private Address address;

  @Column(name = "address_type", nullable = false, length = 20)
  private String addressType;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, columnDefinition = "varchar(3)")
  private RecipientKind kind;

  // Plain varchar, not H2's native ENUM: after a restart H2 2.2 read such columns back as numbers.
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, columnDefinition = "varchar(10)")
  private RecipientStatus status = RecipientStatus.PENDING;

  /** The transport provider that took responsibility for this recipient. */
  @Column(length = 40)
  private String transport;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at")
  private Instant nextAttemptAt;

  /** RFC 3463 enhanced status code of the last outcome, e.g. {@code 5.1.1}. */
  @Column(name = "status_code", length = 12)
  private String statusCode;

  @Column(name = "diagnostic", length = MAX_DIAGNOSTIC_LENGTH)
  private String diagnostic;

  @Column(name = "updated_at")
  private Instant updatedAt;

  /** When the sender was warned that this recipient is delayed; at most once. */
  @Column(name = "delay_warned_at")
  private Instant delayWarnedAt;

  /**
   * The token of the one dispatch that may send to this recipient (see {@code Dispatch}); null
   * while held, and for recipients routed before tokens existed.
   */
  @Column(name = "dispatch_token", length = 36)
  private String dispatchToken;

  /**
   * When the stage message that carries this recipient on (its dispatch, or the submitted message
   * before routing) is due at its consumer; null while that is the message's own time, once held,
   * and once final. A recipient still sendable long after this lost its stage message (a node died
   * in the middle of a transaction) and is dispatched afresh ({@code retry.StrandedRecipients}).
   */
  @Column(name = "due_at")
  private Instant dueAt;

  /** The reports the sender asked for, as NOTIFY keywords; null means the default. */
  @Column(name = "notify", length = 30)
  private String notify;

  protected Recipient() {}

  Recipient(Message message, int position, Address address, RecipientKind kind) {
    this.message = message;
    this.position = position;
    this.address = address;
    this.addressType = address.type();
    this.kind = kind;
  }

  /** The transport took responsibility: from now on no other transport sends to this recipient. */
  public void assignTo(String transportName) {
    if (transport != null && !transport.equals(transportName)) {
      throw new IllegalStateException(
          "recipient " + id + " already belongs to transport " + transport);
    }
    transport = transportName;
  }

  /** From now on only the dispatch carrying {@code token}, due at {@code at}, may send to it. */
  public void expectDispatch(String token, Instant at) {
    dispatchToken = token;
    dueAt = at;
  }

  /** A pre-processing hook deferred the whole message: it is routed at {@code at}, not before. */
  public void awaitRouting(Instant at) {
    if (transport != null) {
      throw new IllegalStateException("recipient " + id + " is already routed");
    }
    dueAt = at;
  }

  /** May the dispatch with this token send to this recipient now? */
  public boolean awaits(String token) {
    return status.isSendable() && java.util.Objects.equals(dispatchToken, token);
  }

  /** An operator holds it: it is not sent, whatever dispatch is waiting, until released. */
  public RecipientStatusChanged hold(Instant at) {
    if (!status.isSendable()) {
      throw new IllegalStateException("recipient " + id + " is " + status + ", cannot be held");
    }
    dispatchToken = null;
    nextAttemptAt = null;
    dueAt = null;
    return moveTo(RecipientStatus.HELD, statusCode, "held by the operator", at, Stage.OPERATOR);
  }

  /** An operator releases it: pending again, to be sent by the dispatch carrying {@code token}. */
  public RecipientStatusChanged release(String token, Instant at) {
    if (status != RecipientStatus.HELD) {
      throw new IllegalStateException("recipient " + id + " is " + status + ", not held");
    }
    dispatchToken = token;
    dueAt = at;
    return moveTo(
        RecipientStatus.PENDING, statusCode, "released by the operator", at, Stage.OPERATOR);
  }

  /**
   * An operator asks for an attempt now: only the dispatch carrying {@code token} may send, so the
   * delayed one already in the broker finds itself stale. The status does not change.
   */
  public void retryNow(String token, Instant at) {
    if (!status.isSendable()) {
      throw new IllegalStateException("recipient " + id + " is " + status + ", cannot be retried");
    }
    dispatchToken = token;
    nextAttemptAt = at;
    dueAt = at;
  }

  /** An operator removes it from the queue: it fails, with the reason, and is never sent. */
  public RecipientStatusChanged removeByOperator(Instant at) {
    dispatchToken = null;
    nextAttemptAt = null;
    return moveTo(
        RecipientStatus.FAILED,
        "5.0.0",
        "deleted from the queue by the operator",
        at,
        Stage.OPERATOR);
  }

  public RecipientStatusChanged delivered(String code, String diagnostic, Instant at) {
    attempts++;
    nextAttemptAt = null;
    return moveTo(RecipientStatus.DELIVERED, code, diagnostic, at, Stage.TRANSPORT);
  }

  public RecipientStatusChanged deferred(
      String code, String diagnostic, Instant at, Instant nextAttempt) {
    attempts++;
    nextAttemptAt = nextAttempt;
    dueAt = nextAttempt;
    return moveTo(RecipientStatus.DEFERRED, code, diagnostic, at, Stage.TRANSPORT);
  }

  /**
   * The transport's system is known to be down and another attempt is probing it: wait until {@code
   * nextAttempt} without counting an attempt. Returns the event when the status changed.
   */
  public Optional<RecipientStatusChanged> waitForTransport(
      String diagnostic, Instant at, Instant nextAttempt) {
    nextAttemptAt = nextAttempt;
    dueAt = nextAttempt;
    if (status == RecipientStatus.DEFERRED) {
      return Optional.empty();
    }
    return Optional.of(moveTo(RecipientStatus.DEFERRED, "4.4.1", diagnostic, at, Stage.TRANSPORT));
  }

  /** Records that the sender is being warned of this recipient's delay; false if it already was. */
  public boolean warnOfDelay(Instant at) {
    if (delayWarnedAt != null || status.isFinal()) {
      return false;
    }
    delayWarnedAt = at;
    return true;
  }

  public RecipientStatusChanged failed(String code, String diagnostic, Instant at) {
    Stage stage = transport == null ? Stage.ROUTE : Stage.TRANSPORT;
    if (transport != null) {
      attempts++;
    }
    nextAttemptAt = null;
    return moveTo(RecipientStatus.FAILED, code, diagnostic, at, stage);
  }

  private RecipientStatusChanged moveTo(
      RecipientStatus next, String code, String diagnostic, Instant at, Stage stage) {
    if (status.isFinal()) {
      throw new IllegalStateException(
          "recipient " + id + " is already " + status + ", cannot become " + next);
    }
    RecipientStatus previous = status;
    this.status = next;
    if (next.isFinal()) {
      dueAt = null;
    }
    this.statusCode = code;
    this.diagnostic = truncate(diagnostic);
    this.updatedAt = at;
    return new RecipientStatusChanged(
        message.id(),
        id,
        address.toString(),
        previous,
        next,
        code,
        this.diagnostic,
        transport,
        attempts,
        at,
        stage,
        message.submittedAt());
  }

  private static String truncate(String text) {
    if (text == null || text.length() <= MAX_DIAGNOSTIC_LENGTH) {
      return text;
    }
    return text.substring(0, MAX_DIAGNOSTIC_LENGTH - 1) + "…";
  }

  public Long id() {
    return id;
  }

  public Message message() {
    return message;
  }

  public Address address() {
    return address;
  }

  public String addressType() {
    return addressType;
  }

  public RecipientKind kind() {
    return kind;
  }

  public RecipientStatus status() {
    return status;
  }

  public String transport() {
    return transport;
  }

  public int attempts() {
    return attempts;
  }

  public Instant nextAttemptAt() {
    return nextAttemptAt;
  }

  public String statusCode() {
    return statusCode;
  }

  public String diagnostic() {
    return diagnostic;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public Instant dueAt() {
    return dueAt;
  }

  public String dispatchToken() {
    return dispatchToken;
  }

  public Instant delayWarnedAt() {
    return delayWarnedAt;
  }

  /** Records which reports the sender wants for this recipient. */
  public void requestReports(Set<ReportKind> kinds) {
    this.notify = ReportRequest.format(kinds);
  }

  /** The reports asked for as DSN NOTIFY keywords ({@code SUCCESS,FAILURE}, {@code NEVER}). */
  public String notifyKeywords() {
    return notify;
  }

  public boolean wantsReport(ReportKind kind) {
    return ReportRequest.fromStored(notify).contains(kind);
  }

  /** A pre-processing hook rewrote the address; only before routing. */
  public void rewriteTo(Address rewritten) {
    if (status != RecipientStatus.PENDING || transport != null) {
      throw new IllegalStateException("recipient " + id + " is already routed");
    }
    this.address = rewritten;
    this.addressType = rewritten.type();
  }
}
