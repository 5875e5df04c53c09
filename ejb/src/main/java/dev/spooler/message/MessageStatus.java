package dev.spooler.message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
    String messageClass,
    String envelopeId,
    ReturnOfContent ret,
    List<RecipientState> recipients,
    List<ReportView> reports,
    ReportView report,
    List<Refusal> refusals) {

  /**
   * A stage that gave up on the message ({@code kind} DEAD_LETTER: stage, hook, reason), or a
   * post-processing hook that refused to file it ({@code kind} REJECTED: mailbox, hook, reason).
   */
  public record Refusal(String kind, String where, String hook, String reason, Instant at) {

    static Refusal of(DeadLetter d) {
      return new Refusal("DEAD_LETTER", d.stage(), d.hook(), d.reason(), d.deadAt());
    }

    static Refusal of(RejectedArrival r) {
      return new Refusal("REJECTED", r.mailbox(), r.hook(), r.reason(), r.rejectedAt());
    }
  }

  /**
   * A report about this message ({@code reports}), or the report this message carries ({@code
   * report}): kind, the recipients it covers, the message carrying it and what became of it.
   */
  public record ReportView(
      ReportKind kind,
      UUID originalMessageId,
      UUID reportMessageId,
      String dispatch,
      List<String> recipients,
      ReportState state,
      String reason,
      Instant createdAt,
      Instant updatedAt) {

    static ReportView of(DeliveryReport r) {
      return new ReportView(
          r.kind(),
          r.originalMessageId(),
          r.reportMessageId(),
          r.dispatchKey(),
          List.copyOf(r.recipients()),
          r.state(),
          r.reason(),
          r.createdAt(),
          r.updatedAt());
    }
  }

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
          r.address().toString(),
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

  static MessageStatus of(
      Message m,
      List<DeliveryReport> about,
      Optional<DeliveryReport> carried,
      List<Refusal> refusals) {
    return new MessageStatus(
        m.id(),
        m.messageIdHeader(),
        m.sender(),
        m.subject(),
        m.submittedAt(),
        m.priority(),
        m.deferredUntil(),
        m.expiresAt(),
        m.messageClass(),
        m.envelopeId(),
        m.ret(),
        m.recipients().stream().map(RecipientState::of).toList(),
        about.stream().map(ReportView::of).toList(),
        carried.map(ReportView::of).orElse(null),
        refusals);
  }
}
