package dev.spooler.submit;

import dev.spooler.mailbox.OutboxKeeper;
import dev.spooler.message.Message;
import dev.spooler.message.MessageLimits;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.SpoolerDomain;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The way in for every client. One container transaction per call, for one submission or a batch of
 * them: the messages' rows and their JMS messages on {@code spooler.submitted} commit together, so
 * an accepted message is never lost and a refused one leaves nothing behind. Clients that wait for
 * their answer come through {@link AcceptQueue}, which groups concurrent submissions into one call
 * of {@link #submitAll}.
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

  @Inject private SpoolerDomain domain;

  @Inject private MessageLimits limits;

  /**
   * The one way in, for every channel: stores and queues the submission in the caller's
   * transaction, or says why not. A known idempotency key stores nothing and answers with the first
   * acceptance. Refusals are returned, never thrown, so that the caller's transaction (a JMS
   * receive) can still commit its own answer to them; the client's reply destination, if any, is
   * answered in this same transaction.
   */
  public SubmissionOutcome submit(SubmissionRequest request) {
    List<UUID> routed = new ArrayList<>(1);
    SubmissionOutcome outcome = take(request, routed);
    routed.forEach(router::routeOnAccept);
    return outcome;
  }

  /**
   * Submissions stored in the caller's transaction (or one of their own), an outcome for each, in
   * order, as {@link #submit} would answer each. A second submission with an idempotency key seen
   * earlier in the same batch is {@link SubmissionOutcome.AlreadyTaken}. A refusal is an outcome; a
   * failure (an exception) rolls back the whole batch.
   */
  public List<SubmissionOutcome> submitAll(List<SubmissionRequest> requests) {
    Map<String, Accepted> keyed = new HashMap<>();
    List<SubmissionOutcome> outcomes = new ArrayList<>(requests.size());
    // Routed together once all are stored: one stage message per transport and priority, so the
    // transport stage carries the group out as one batch.
    List<UUID> routed = new ArrayList<>(requests.size());
    for (SubmissionRequest request : requests) {
      String key = request.origin().idempotencyKey();
      Accepted earlier = key == null ? null : keyed.get(key);
      if (earlier != null) {
        // Known without a query (which would flush the batch so far to find it).
        replies.submissionWasAccepted(request.origin(), earlier, true);
        outcomes.add(new SubmissionOutcome.AlreadyTaken(earlier));
        continue;
      }
      SubmissionOutcome outcome = take(request, routed);
      if (key != null && !(outcome instanceof SubmissionOutcome.Refused)) {
        keyed.put(key, outcome.acceptedOrThrow());
      }
      outcomes.add(outcome);
    }
    if (!routed.isEmpty()) {
      router.routeOnAccept(routed);
    }
    return outcomes;
  }

  /** The refusal of a submission its checks found wrong. */
  static SubmissionOutcome.Refused refusal(InvalidSubmissionException e) {
    return new SubmissionOutcome.Refused(
        e.violations(),
        e instanceof MessageTooLargeException
            ? SubmissionOutcome.Refusal.TOO_LARGE
            : SubmissionOutcome.Refusal.INVALID);
  }

  /** Stores one submission; a message to route on accept is added to {@code routed}. */
  private SubmissionOutcome take(SubmissionRequest request, List<UUID> routed) {
    SubmissionOrigin origin = request.origin();
    Optional<ClientRequest> earlier = requests.withKey(origin.idempotencyKey());
    if (earlier.isPresent()) {
      Message first = messages.find(earlier.get().messageId()).orElseThrow();
      Accepted accepted = accepted(first, List.of());
      replies.submissionWasAccepted(origin, accepted, true);
      return new SubmissionOutcome.AlreadyTaken(accepted);
    }
    Instant now = clock.instant();
    ValidSubmission valid;
    try {
      valid = validate(request.submission(), now);
    } catch (InvalidSubmissionException e) {
      replies.submissionWasRejected(
          origin, "invalid submission: " + e.getMessage(), e.violations());
      return refusal(e);
    }
    Submitter submitter = request.trusted() ? null : submitterOf(request);
    if (submitter != null
        && !submitter.anyFrom()
        && !senders.mayUse(submitter.principal(), valid.from())) {
      String reason =
          SenderNotPermittedException.reason(submitter.principal(), valid.from().toString());
      replies.submissionWasRejected(origin, reason, List.of(new Violation("from", reason)));
      return new SubmissionOutcome.Refused(
          List.of(new Violation("from", reason)), SubmissionOutcome.Refusal.SENDER_NOT_PERMITTED);
    }
    return new SubmissionOutcome.Taken(
        accept(
            valid,
            origin,
            submitter == null ? null : submitter.principal(),
            now,
            request.mime(),
            routed));
  }

  /**
   * Who answers for an untrusted request: its submitter, else the caller the container knows. An
   * application in this server calling without an identity is inside the server's trust boundary
   * (it shares the JVM and the store): unchecked, as before.
   */
  private Submitter submitterOf(SubmissionRequest request) {
    if (request.submitter() != null) {
      return request.submitter();
    }
    String name = session.getCallerPrincipal().getName();
    return ANONYMOUS.equals(name) ? null : new Submitter(name, false);
  }

  /** The submission's own checks, then whether a local sender has (or may get) a mailbox. */
  private ValidSubmission validate(Submission submission, Instant now) {
    ValidSubmission valid =
        new SubmissionValidator(limits.maxRecipients(), limits.maxMessageBytes())
            .validate(submission, now);
    if (!outbox.acceptsSender(valid.from())) {
      throw new InvalidSubmissionException(
          List.of(new Violation("from", "no mailbox for local sender " + valid.from())));
    }
    return valid;
  }

  private Accepted accept(
      ValidSubmission valid,
      SubmissionOrigin origin,
      String principal,
      Instant now,
      SubmittedMime mime,
      List<UUID> routed) {
    Message message =
        new Message(valid.from().toString(), valid.subject(), valid.body(), domain.name(), now);
    if (mime != null) {
      // Came as MIME (SMTP): the transports send the client's bytes, under its Message-ID.
      message.submittedAsMime(mime.messageIdHeader(), mime.bytes());
    }
    message.submittedBy(principal);
    message.schedule(valid.priority(), valid.deferUntil(), valid.expiresAt());
    message.identifyEnvelope(valid.envelopeId());
    message.returnInReports(valid.ret());
    for (TypedRecipient recipient : valid.recipients()) {
      message
          .addRecipient(recipient.address(), recipient.kind())
          .requestReports(recipient.reports());
    }
    messages.store(message);
    outbox.fileInOutbox(message);
    if (origin.isWorthKeeping()) {
      requests.store(new ClientRequest(message.id(), origin, now));
    }
    Accepted accepted = accepted(message, valid.merged());
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
      // Pre-processed and routed in this transaction: its dispatches commit with the message, one
      // stage less.
      routed.add(message.id());
    } else {
      queues.messageWasAccepted(message.id(), message.priority(), Duration.ZERO);
    }
    return accepted;
  }

  private static Accepted accepted(Message message, List<MergedRecipient> merged) {
    return new Accepted(
        message.id(), message.messageIdHeader(), message.recipients().size(), merged);
  }
}
