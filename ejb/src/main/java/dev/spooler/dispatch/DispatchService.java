package dev.spooler.dispatch;

import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.OutboundMessage;
import dev.spooler.message.OutboundMessages;
import dev.spooler.message.Recipient;
import dev.spooler.message.RecipientStatusChanged;
import dev.spooler.notify.RecipientDelayed;
import dev.spooler.queue.Dispatch;
import dev.spooler.queue.SpoolQueues;
import dev.spooler.report.DeliveryReports;
import dev.spooler.retry.RetryDecision;
import dev.spooler.retry.RetryPolicy;
import dev.spooler.retry.TransportCircuit;
import dev.spooler.retry.TransportCircuits;
import dev.spooler.transport.DeliveryOutcome;
import dev.spooler.transport.EnvelopeRecipient;
import dev.spooler.transport.TransportProvider;
import dev.spooler.transport.TransportRegistry;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries out one dispatch: asks the provider to send, then records each recipient's outcome as
 * {@link RetryPolicy} decides it. A deferred recipient is retried by re-sending the dispatch,
 * narrowed to it, with a delivery delay up to its next attempt, so the wait happens in the broker,
 * not in a thread. While a transport's circuit is open the dispatch waits its turn instead of
 * hammering the system.
 *
 * <p>Once the provider has been called, nothing may roll this transaction back: a rollback would
 * make the broker redeliver the dispatch and send again. So a provider that throws, or that answers
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

  public void dispatch(Dispatch dispatch) {
    // Re-read current state: a recipient already final (a redelivered dispatch) is never resent,
    // nor one held or handed to a newer dispatch by an operator or the sweep (this one is stale
    // for it). Locked while we send, so that no newer dispatch can be made for them meanwhile.
    // Locked before the message is read, so that the message's recipients are this fresh state.
    List<Recipient> due =
        messages.lockRecipients(dispatch.messageId(), dispatch.recipientIds()).stream()
            .filter(r -> r.awaits(dispatch.token()))
            .toList();
    if (due.isEmpty()) {
      return;
    }
    Optional<Message> found = messages.findWithRecipients(dispatch.messageId());
    if (found.isEmpty()) {
      LOG.warning(() -> "message " + dispatch.messageId() + " is no longer in the store; dropped");
      return;
    }
    Message message = found.get();
    String reportKey = dispatch.transport() + "#" + dispatch.attempt();
    Instant now = clock.instant();
    Optional<RetryDecision.Failed> expired = policy.beforeSend(message.expiresAt(), now);
    if (expired.isPresent()) {
      for (Recipient r : due) {
        statusChanged.fire(r.failed(expired.get().statusCode(), expired.get().diagnostic(), now));
      }
      reports.afterDispatch(message, reportKey, due);
      return;
    }
    TransportProvider provider =
        registry
            .named(dispatch.transport())
            .orElseThrow(
                () -> new IllegalStateException("no transport named " + dispatch.transport()));
    TransportCircuit circuit = circuits.of(provider.name());
    if (!circuit.tryAcquire(now)) {
      List<Recipient> delayedNow = waitForCircuit(dispatch, message, due, circuit, now);
      reports.afterDispatch(message, reportKey, List.of(), delayedNow);
      return;
    }

    Map<Long, DeliveryOutcome> outcomes = send(provider, message, due);
    now = clock.instant();
    circuit.record(!outcomes.values().stream().allMatch(DeliveryOutcome::isUnreachable), now);

    Map<Instant, List<Long>> deferredUntil = new TreeMap<>();
    List<Recipient> delayedNow = new ArrayList<>();
    for (Recipient recipient : due) {
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
    reports.afterDispatch(message, reportKey, due, delayedNow, handovers(outcomes));
    for (Map.Entry<Instant, List<Long>> retry : deferredUntil.entrySet()) {
      Duration delay = Duration.between(now, retry.getKey());
      queues.dispatchWasDeferred(
          dispatch.retry(retry.getValue()),
          message.priority(),
          delay.isNegative() ? Duration.ZERO : delay);
    }
  }

  /** Exactly one outcome per due recipient, whatever the provider answered or threw. */
  private Map<Long, DeliveryOutcome> send(
      TransportProvider provider, Message message, List<Recipient> due) {
    List<EnvelopeRecipient> envelope = due.stream().map(DispatchService::envelope).toList();
    OutboundMessage rendered = outbound.of(message);
    Map<Long, DeliveryOutcome> answered;
    try {
      answered = provider.send(rendered, envelope);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, e, () -> provider.name() + " failed sending message " + message.id());
      answered = Map.of();
    }
    Map<Long, DeliveryOutcome> outcomes = new HashMap<>();
    for (Recipient recipient : due) {
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

  /**
   * The system is down and someone else probes it: wait, without counting an attempt. Returns the
   * recipients warned of a delay now.
   */
  private List<Recipient> waitForCircuit(
      Dispatch dispatch,
      Message message,
      List<Recipient> due,
      TransportCircuit circuit,
      Instant now) {
    Duration wait = circuit.waitFrom(now);
    String why =
        dispatch.transport() + " is unreachable since " + circuit.state().since() + "; waiting";
    List<Recipient> delayedNow = new ArrayList<>();
    for (Recipient recipient : due) {
      recipient.waitForTransport(why, now, now.plus(wait)).ifPresent(statusChanged::fire);
      warnIfDelayed(recipient, message, now, delayedNow);
    }
    queues.dispatchWasDeferred(dispatch, message.priority(), wait);
    return delayedNow;
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
