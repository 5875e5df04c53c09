package dev.spooler.submit;

import dev.spooler.mailbox.OutboxKeeper;
import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.queue.SpoolQueues;
import dev.spooler.routing.MessageRouter;
import dev.spooler.security.SenderNotPermittedException;
import dev.spooler.security.SenderPolicy;
import dev.spooler.security.Submitter;
import dev.spooler.submit.SubmissionValidator.TypedRecipient;
import dev.spooler.submit.SubmissionValidator.ValidSubmission;
import dev.spooler.transport.TransportRegistry;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The way in for every client. One container transaction per submission: the message's rows and its
 * JMS message on {@code spooler.submitted} commit together, so an accepted message is never lost
 * and a refused one leaves nothing behind.
 */
@Stateless
public class SpoolerFacade {

  /** Elytron's name for a caller without identity. */
  private static final String ANONYMOUS = "anonymous";

  @Inject private SenderPolicy senders;
  @Resource private SessionContext session;

  @Inject private MessageRepository messages;
  @Inject private SpoolQueues queues;
  @Inject private TransportRegistry registry;
  @Inject private MessageRouter router;
  @Inject private OutboxKeeper outbox;
  @Inject private Clock clock;
  @Inject private ClientRequests requests;
  @Inject private ClientReplies replies;

  @Inject
  @ConfigProperty(name = "spooler.local.inline-delivery", defaultValue = "true")
  private boolean inlineDelivery;

  @Inject
  @ConfigProperty(name = "spooler.route-on-accept", defaultValue = "true")
  private boolean routeOnAccept;

  @Inject
  @ConfigProperty(name = "spooler.domain", defaultValue = "localhost")
  private String domain;

  @Inject
  @ConfigProperty(name = "spooler.limits.max-recipients", defaultValue = "1000")
  private int maxRecipients;

  @Inject
  @ConfigProperty(name = "spooler.limits.max-message-size", defaultValue = "10485760")
  private long maxMessageSize;

  /**
   * A submission by an application deployed in this server. Such callers are inside the server's
   * trust boundary (they share its JVM and store); when they call with an authenticated identity,
   * as a web request does, that identity's sender rights are checked as for {@link #submitAs}.
   */
  public Accepted submit(Submission submission) {
    String name = session.getCallerPrincipal().getName();
    return ANONYMOUS.equals(name)
        ? submitTrusted(submission)
        : submitAs(new Submitter(name, false), submission);
  }

  /** A submission the server itself makes (a forward rule): no sender check, no submitter. */
  public Accepted submitTrusted(Submission submission) {
    Instant now = clock.instant();
    return accept(validate(submission, now), SubmissionOrigin.NONE, null, now);
  }

  /**
   * A submission by an authenticated user, who may only use a From it owns or was granted ({@link
   * SenderPolicy}) unless the entry point found it may use any.
   */
  public Accepted submitAs(Submitter submitter, Submission submission) {
    Instant now = clock.instant();
    ValidSubmission valid = validate(submission, now);
    requireSender(submitter, valid);
    return accept(valid, SubmissionOrigin.NONE, submitter.principal(), now);
  }

  /**
   * A submission that came as MIME (the SMTP listener) by an authenticated user, checked as {@link
   * #submitAs(Submitter, Submission)}: {@code envelope} holds the SMTP envelope and the text for
   * listings; the stored message keeps the client's bytes and Message-ID, which transports send.
   */
  public Accepted submitMimeAs(Submitter submitter, Submission envelope, SubmittedMime mime) {
    Instant now = clock.instant();
    ValidSubmission valid = validate(envelope, now);
    requireSender(submitter, valid);
    return accept(valid, SubmissionOrigin.NONE, submitter.principal(), now, mime);
  }

  /**
   * Accepts a submission that came with channel metadata, answering the client's reply destination
   * in this same transaction. Refuses by returning, not by throwing, so that the caller's
   * transaction (a JMS receive) can still commit its own answer to the refusal. A known idempotency
   * key stores nothing and answers with the first acceptance.
   */
  public SubmissionOutcome submit(Submission submission, SubmissionOrigin origin) {
    return submit(submission, origin, null);
  }

  /**
   * As {@link #submit(Submission, SubmissionOrigin)}, by an authenticated user whose sender rights
   * are checked as for {@link #submitAs(Submitter, Submission)} (REST with an idempotency key).
   */
  public SubmissionOutcome submitAs(
      Submitter submitter, Submission submission, SubmissionOrigin origin) {
    return submit(submission, origin, submitter);
  }

  private SubmissionOutcome submit(
      Submission submission, SubmissionOrigin origin, Submitter submitter) {
    Optional<ClientRequest> earlier = requests.withKey(origin.idempotencyKey());
    if (earlier.isPresent()) {
      Message first = messages.find(earlier.get().messageId()).orElseThrow();
      Accepted accepted = accepted(first);
      replies.submissionWasAccepted(origin, accepted, true);
      return new SubmissionOutcome.AlreadyTaken(accepted);
    }
    Instant now = clock.instant();
    ValidSubmission valid;
    try {
      valid = validate(submission, now);
    } catch (InvalidSubmissionException e) {
      replies.submissionWasRejected(
          origin, "invalid submission: " + e.getMessage(), e.violations());
      return new SubmissionOutcome.Refused(e.violations(), e instanceof MessageTooLargeException);
    }
    if (submitter == null) {
      return new SubmissionOutcome.Taken(accept(valid, origin, null, now));
    }
    requireSender(submitter, valid);
    return new SubmissionOutcome.Taken(accept(valid, origin, submitter.principal(), now));
  }

  private void requireSender(Submitter submitter, ValidSubmission valid) {
    if (!submitter.anyFrom() && !senders.mayUse(submitter.principal(), valid.from())) {
      throw new SenderNotPermittedException(submitter.principal(), valid.from().toString());
    }
  }

  /** The submission's own checks, then whether a local sender has (or may get) a mailbox. */
  private ValidSubmission validate(Submission submission, Instant now) {
    ValidSubmission valid =
        new SubmissionValidator(maxRecipients, maxMessageSize).validate(submission, now);
    if (!outbox.acceptsSender(valid.from())) {
      throw new InvalidSubmissionException(
          List.of(new Violation("from", "no mailbox for local sender " + valid.from())));
    }
    return valid;
  }

  private Accepted accept(
      ValidSubmission valid, SubmissionOrigin origin, String principal, Instant now) {
    return accept(valid, origin, principal, now, null);
  }

  private Accepted accept(
      ValidSubmission valid,
      SubmissionOrigin origin,
      String principal,
      Instant now,
      SubmittedMime mime) {
    Message message =
        new Message(valid.from().toString(), valid.subject(), valid.body(), domain, now);
    if (mime != null) {
      message.submittedAsMime(mime.messageIdHeader(), mime.bytes());
    }
    message.submittedBy(principal);
    message.schedule(valid.priority(), valid.deferUntil(), valid.expiresAt());
    message.identifyEnvelope(valid.envelopeId());
    for (TypedRecipient recipient : valid.recipients()) {
      message
          .addRecipient(
              recipient.address().toString(), recipient.address().type(), recipient.kind())
          .requestReports(recipient.reports());
    }
    messages.store(message);
    outbox.fileInOutbox(message);
    if (origin.isWorthKeeping()) {
      requests.store(new ClientRequest(message.id(), origin, now));
    }
    Accepted accepted = accepted(message);
    // Before routing: the inline path may already report final statuses, which must follow this.
    replies.submissionWasAccepted(origin, accepted, false);
    Duration notBefore =
        valid.deferUntil() == null || !valid.deferUntil().isAfter(now)
            ? Duration.ZERO
            : Duration.between(now, valid.deferUntil());
    if (!notBefore.isZero()) {
      // A deferred message waits in the broker until its time, then goes through the stages.
      queues.messageWasAccepted(message.id(), message.priority(), notBefore);
    } else if (inlineDelivery
        && registry.deliverInTransaction(
            valid.recipients().stream().map(r -> r.address().type()).distinct().toList())) {
      // Tightly coupled store and transport: delivered in this transaction, no stage in between.
      router.routeAndDeliver(message.id());
    } else if (routeOnAccept) {
      // Pre-processed and routed here: its dispatches commit with the message, one stage less.
      router.routeOnAccept(message.id());
    } else {
      queues.messageWasAccepted(message.id(), message.priority(), Duration.ZERO);
    }
    return accepted;
  }

  private static Accepted accepted(Message message) {
    return new Accepted(message.id(), message.messageIdHeader(), message.recipients().size());
  }
}
