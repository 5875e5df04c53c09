package dev.spooler.dispatch;

import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.OutboundMessage;
import dev.spooler.message.OutboundMessages;
import dev.spooler.message.Priority;
import dev.spooler.message.Recipient;
import dev.spooler.message.RecipientStatusChanged;
import dev.spooler.notify.RecipientDelayed;
import dev.spooler.queue.Dispatch;
import dev.spooler.queue.DispatchBatch;
import dev.spooler.queue.SpoolQueues;
import dev.spooler.report.DeliveryReports;
import dev.spooler.retry.RetryDecision;
import dev.spooler.retry.RetryPolicy;
import dev.spooler.retry.TransportCircuit;
import dev.spooler.retry.TransportCircuits;
import dev.spooler.transport.DeliveryOutcome;
import dev.spooler.transport.EnvelopeRecipient;
import dev.spooler.transport.Parcel;
import dev.spooler.transport.TransportProvider;
import dev.spooler.transport.TransportRegistry;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries out a batch of dispatches for one transport: asks the provider to send them all, then
 * records each recipient's outcome as {@link RetryPolicy} decides it, in one transaction. A
 * deferred recipient is retried by re-sending its dispatch, narrowed to it, with a delivery delay
 * up to its next attempt (deferred members due at the same time share a batch again), so the wait
 * happens in the broker, not in a thread. While a transport's circuit is open the batch waits its
 * turn instead of hammering the system.
 *
 * <p>Once the provider has been called, nothing may roll this transaction back: a rollback would
 * make the broker redeliver the batch and send again. So a provider that throws, or that answers
 * for fewer recipients than it was given, yields a transient outcome for the recipients it left
 * without one (retried later: at worst one duplicate for them, never a loss).
 */
@Stateless
public class DispatchService {

  private static final Logger LOG = Logger.getLogger(DispatchService.class.getName());

  @Inject private MessageRepository messages;
  @Inject private TransportRegistry registry;
  @Inject private SpoolQueues queues;
  @Inject private RetryPolicy policy;
  @Inject private TransportCircuits circuits;
  @Inject private Event<RecipientStatusChanged> statusChanged;
  @Inject private Event<RecipientDelayed> delayed;
  @Inject private OutboundMessages outbound;
  @Inject private DeliveryReports reports;
  @Inject private Clock clock;

  /** How long a batch may take to send; members not tried by then go on in a later batch. */
  @Inject
  @ConfigProperty(name = "spooler.dispatch.send-timeout", defaultValue = "PT60S")
  Duration sendTimeout = Duration.ofSeconds(60);

  public DispatchService() {}

  /** With its collaborators given, for tests outside the container. */
  DispatchService(
      MessageRepository messages,
      TransportRegistry registry,
      SpoolQueues queues,
      RetryPolicy policy,
      TransportCircuits circuits,
      Event<RecipientStatusChanged> statusChanged,
      Event<RecipientDelayed> delayed,
      OutboundMessages outbound,
      DeliveryReports reports,
      Clock clock) {
    this.messages = messages;
    this.registry = registry;
    this.queues = queues;
    this.policy = policy;
    this.circuits = circuits;
    this.statusChanged = statusChanged;
    this.delayed = delayed;
    this.outbound = outbound;
    this.reports = reports;
    this.clock = clock;
  }

  /** Carries out a single dispatch, as a batch of one. */
  public void dispatch(Dispatch dispatch) {
    dispatch(DispatchBatch.of(dispatch));
  }

  /**
   * Carries out a batch: every member is checked and rendered first (a member that cannot be rolls
   * the batch back before anything was sent), then the provider sends them all, then every outcome
   * is recorded, all in the caller's one transaction.
   */
  public void dispatch(DispatchBatch batch) {
    Instant now = clock.instant();
    List<Member> members = new ArrayList<>();
    // Locked in one order (message id), so that two batches sharing a message cannot deadlock.
    batch.dispatches().stream()
        .sorted(Comparator.comparing(Dispatch::messageId))
        .forEach(d -> prepare(d, now).ifPresent(members::add));
    if (members.isEmpty()) {
      return;
    }
    TransportProvider provider =
        registry
            .named(batch.transport())
            .orElseThrow(
                () -> new IllegalStateException("no transport named " + batch.transport()));
    TransportCircuit circuit = circuits.of(provider.name());
    if (!circuit.tryAcquire(now)) {
      waitForCircuit(batch.transport(), members, circuit, now);
      return;
    }

    List<Map<Long, DeliveryOutcome>> answers = send(provider, members);
    Instant after = clock.instant();
    List<Map<Long, DeliveryOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      outcomes.add(complete(provider, members.get(i), answers.get(i)));
    }
    circuit.record(
        !outcomes.stream()
            .flatMap(o -> o.values().stream())
            .allMatch(DeliveryOutcome::isUnreachable),
        after);
    Requeue requeue = new Requeue();
    for (int i = 0; i < outcomes.size(); i++) {
      record(members.get(i), outcomes.get(i), after, requeue);
    }
    // Never tried (the batch's time was up): sent on as they were, no attempt counted.
    for (Member untried : members.subList(outcomes.size(), members.size())) {
      requeue.add(untried.message.priority(), after, untried.dispatch);
    }
    requeue.send(queues, after);
  }

  /** A member of a batch that is due for sending: locked, read and rendered. */
  private record Member(
      Dispatch dispatch, Message message, List<Recipient> due, OutboundMessage rendered) {

    String reportKey() {
      return dispatch.transport() + "#" + dispatch.attempt();
    }

    Parcel parcel() {
      return new Parcel(rendered, due.stream().map(DispatchService::envelope).toList());
    }
  }

  /** Dispatches to queue again when this batch commits, by priority and due time. */
  private static final class Requeue {
    private final Map<Priority, Map<Instant, List<Dispatch>>> due = new EnumMap<>(Priority.class);

    void add(Priority priority, Instant at, Dispatch dispatch) {
      due.computeIfAbsent(priority, p -> new TreeMap<>())
          .computeIfAbsent(at, a -> new ArrayList<>())
          .add(dispatch);
    }

    void send(SpoolQueues queues, Instant now) {
      due.forEach(
          (priority, byTime) ->
              byTime.forEach(
                  (at, dispatches) -> {
                    Duration delay = Duration.between(now, at);
                    queues.dispatchesWereDeferred(
                        dispatches, priority, delay.isNegative() ? Duration.ZERO : delay);
                  }));
    }
  }

  /**
   * The member for this dispatch, or none when nothing is left to send: re-reads current state, so
   * a recipient already final (a redelivered dispatch) is never resent, nor one held or handed to a
   * newer dispatch by an operator or the sweep (this one is stale for it). Locked while we send, so
   * that no newer dispatch can be made for them meanwhile; locked before the message is read, so
   * that the message's recipients are this fresh state.
   */
  private Optional<Member> prepare(Dispatch dispatch, Instant now) {
    List<Recipient> due =
        messages.lockRecipients(dispatch.messageId(), dispatch.recipientIds()).stream()
            .filter(r -> r.awaits(dispatch.token()))
            .toList();
    if (due.isEmpty()) {
      return Optional.empty();
    }
    Optional<Message> found = messages.findWithRecipients(dispatch.messageId());
    if (found.isEmpty()) {
      LOG.warning(() -> "message " + dispatch.messageId() + " is no longer in the store; dropped");
      return Optional.empty();
    }
    Message message = found.get();
    Optional<RetryDecision.Failed> expired = policy.beforeSend(message.expiresAt(), now);
    if (expired.isPresent()) {
      for (Recipient r : due) {
        statusChanged.fire(r.failed(expired.get().statusCode(), expired.get().diagnostic(), now));
      }
      reports.afterDispatch(message, dispatch.transport() + "#" + dispatch.attempt(), due);
      return Optional.empty();
    }
    return Optional.of(new Member(dispatch, message, due, outbound.of(message)));
  }

  /** The provider's answers, one per member tried; failed sends have none (deferred). */
  private List<Map<Long, DeliveryOutcome>> send(TransportProvider provider, List<Member> members) {
    List<Map<Long, DeliveryOutcome>> answers;
    try {
      answers = provider.sendBatch(members.stream().map(Member::parcel).toList(), sendTimeout);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, e, () -> provider.name() + " failed sending a batch");
      answers = null;
    }
    if (answers == null || answers.isEmpty()) {
      // Nothing said: every member counts as tried and failed, so the batch cannot loop.
      answers = Collections.nCopies(members.size(), Map.of());
    }
    return answers.size() > members.size() ? answers.subList(0, members.size()) : answers;
  }

  /** Exactly one outcome per due recipient of the member, whatever the provider answered. */
  private static Map<Long, DeliveryOutcome> complete(
      TransportProvider provider, Member member, Map<Long, DeliveryOutcome> answered) {
    Map<Long, DeliveryOutcome> outcomes = new HashMap<>();
    for (Recipient recipient : member.due) {
      DeliveryOutcome outcome = answered == null ? null : answered.get(recipient.id());
      if (outcome == null) {
        LOG.warning(
            () ->
                provider.name()
                    + " gave no outcome for recipient "
                    + recipient.id()
                    + "; deferred");
        outcome =
            DeliveryOutcome.transientFailure(
                "4.3.0",
                provider.name() + " gave no outcome for this recipient; tried again later");
      }
      outcomes.put(recipient.id(), outcome);
    }
    return outcomes;
  }

  /** Records each recipient's outcome as the policy decides it; deferred ones are re-queued. */
  private void record(
      Member member, Map<Long, DeliveryOutcome> outcomes, Instant now, Requeue requeue) {
    Message message = member.message;
    Map<Instant, List<Long>> deferredUntil = new TreeMap<>();
    List<Recipient> delayedNow = new ArrayList<>();
    for (Recipient recipient : member.due) {
      RetryDecision decision =
          policy.decide(
              outcomes.get(recipient.id()),
              recipient.attempts(),
              message.submittedAt(),
              message.expiresAt(),
              now);
      statusChanged.fire(record(recipient, decision, now));
      if (decision instanceof RetryDecision.Deferred deferred) {
        deferredUntil
            .computeIfAbsent(deferred.nextAttemptAt(), at -> new ArrayList<>())
            .add(recipient.id());
        warnIfDelayed(recipient, message, now, delayedNow);
      }
    }
    reports.afterDispatch(message, member.reportKey(), member.due, delayedNow, handovers(outcomes));
    deferredUntil.forEach(
        (at, ids) -> requeue.add(message.priority(), at, member.dispatch.retry(ids)));
  }

  /**
   * The system is down and someone else probes it: every member waits, without counting an attempt,
   * and goes back to the broker until the next probe.
   */
  private void waitForCircuit(
      String transport, List<Member> members, TransportCircuit circuit, Instant now) {
    Duration wait = circuit.waitFrom(now);
    String why = transport + " is unreachable since " + circuit.state().since() + "; waiting";
    Requeue requeue = new Requeue();
    for (Member member : members) {
      List<Recipient> delayedNow = new ArrayList<>();
      for (Recipient recipient : member.due) {
        recipient.waitForTransport(why, now, now.plus(wait)).ifPresent(statusChanged::fire);
        warnIfDelayed(recipient, member.message, now, delayedNow);
      }
      reports.afterDispatch(member.message, member.reportKey(), List.of(), delayedNow);
      requeue.add(member.message.priority(), now.plus(wait), member.dispatch);
    }
    requeue.send(queues, now);
  }

  private static RecipientStatusChanged record(
      Recipient recipient, RetryDecision decision, Instant now) {
    if (decision instanceof RetryDecision.Deferred deferred) {
      return recipient.deferred(
          deferred.statusCode(), deferred.diagnostic(), now, deferred.nextAttemptAt());
    }
    if (decision instanceof RetryDecision.Delivered) {
      return recipient.delivered(decision.statusCode(), decision.diagnostic(), now);
    }
    return recipient.failed(decision.statusCode(), decision.diagnostic(), now);
  }

  private void warnIfDelayed(
      Recipient recipient, Message message, Instant now, List<Recipient> delayedNow) {
    if (!message.isReport()
        && policy.isDelayed(message.submittedAt(), now)
        && recipient.warnOfDelay(now)) {
      delayedNow.add(recipient);
      delayed.fire(
          new RecipientDelayed(
              message.id(),
              recipient.id(),
              recipient.address().toString(),
              recipient.diagnostic(),
              now));
    }
  }

  private static EnvelopeRecipient envelope(Recipient recipient) {
    return new EnvelopeRecipient(recipient.id(), recipient.address(), recipient.notifyKeywords());
  }

  /** The recipients relayed to a next hop, for the reports: those it reports on itself (true). */
  private static Map<Long, Boolean> handovers(Map<Long, DeliveryOutcome> outcomes) {
    Map<Long, Boolean> relayed = new HashMap<>();
    outcomes.forEach(
        (id, outcome) -> {
          if (outcome.handover() != DeliveryOutcome.Handover.FINAL) {
            relayed.put(id, outcome.handover() == DeliveryOutcome.Handover.RELAYED_WITH_DSN);
          }
        });
    return relayed;
  }
}
