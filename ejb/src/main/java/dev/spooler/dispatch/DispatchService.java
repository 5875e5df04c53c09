package dev.spooler.dispatch;

import dev.spooler.message.Address;
import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.OutboundMessages;
import dev.spooler.message.Recipient;
import dev.spooler.message.RecipientStatusChanged;
import dev.spooler.notify.RecipientDelayed;
import dev.spooler.queue.Dispatch;
import dev.spooler.queue.SpoolQueues;
import dev.spooler.report.DeliveryReports;
import dev.spooler.retry.BackoffSchedule;
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
import java.util.logging.Logger;

/**
 * Carries out one dispatch: asks the provider to send, then records each recipient's outcome. A
 * transient failure is retried by re-sending the dispatch with a delivery delay from the backoff
 * schedule, so the wait happens in the broker, not in a thread. While a transport's circuit is open
 * the dispatch waits its turn instead of hammering the system.
 */
@Stateless
public class DispatchService {

  private static final Logger LOG = Logger.getLogger(DispatchService.class.getName());

  @Inject private MessageRepository messages;
  @Inject private TransportRegistry registry;
  @Inject private SpoolQueues queues;
  @Inject private BackoffSchedule backoff;
  @Inject private TransportCircuits circuits;
  @Inject private Event<RecipientStatusChanged> statusChanged;
  @Inject private Event<RecipientDelayed> delayed;
  @Inject private OutboundMessages outbound;
  @Inject private DeliveryReports reports;
  @Inject private Clock clock;

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
    if (message.hasExpired(now)) {
      for (Recipient r : due) {
        statusChanged.fire(
            r.failed("4.4.7", "expired: not delivered by " + message.expiresAt(), now));
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

    Map<Long, DeliveryOutcome> outcomes =
        provider.send(outbound.of(message), due.stream().map(DispatchService::envelope).toList());
    now = clock.instant();
    circuit.record(!outcomes.values().stream().allMatch(DeliveryOutcome::isUnreachable), now);

    List<Long> deferred = new ArrayList<>();
    List<Recipient> delayedNow = new ArrayList<>();
    for (Recipient recipient : due) {
      DeliveryOutcome outcome = outcomes.get(recipient.id());
      if (outcome == null) {
        throw new IllegalStateException(
            provider.name() + " returned no outcome for recipient " + recipient.id());
      }
      statusChanged.fire(record(recipient, outcome, message, now, deferred, delayedNow));
    }
    reports.afterDispatch(message, reportKey, due, delayedNow, handovers(outcomes));
    if (!deferred.isEmpty()) {
      queues.dispatchWasDeferred(
          dispatch.retry(deferred),
          message.priority(),
          backoff.delayAfterAttempt(dispatch.attempt()));
    }
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

  private RecipientStatusChanged record(
      Recipient recipient,
      DeliveryOutcome outcome,
      Message message,
      Instant now,
      List<Long> deferred,
      List<Recipient> delayedNow) {
    return switch (outcome.kind()) {
      case DELIVERED -> recipient.delivered(outcome.statusCode(), outcome.diagnostic(), now);
      case PERMANENT_FAILURE -> recipient.failed(outcome.statusCode(), outcome.diagnostic(), now);
      case TRANSIENT_FAILURE -> {
        if (backoff.hasExpired(message.submittedAt(), now)) {
          yield recipient.failed("4.4.7", "expired after retrying: " + outcome.diagnostic(), now);
        }
        Instant next = now.plus(backoff.delayAfterAttempt(recipient.attempts() + 1));
        deferred.add(recipient.id());
        RecipientStatusChanged change =
            recipient.deferred(outcome.statusCode(), outcome.diagnostic(), now, next);
        warnIfDelayed(recipient, message, now, delayedNow);
        yield change;
      }
    };
  }

  private void warnIfDelayed(
      Recipient recipient, Message message, Instant now, List<Recipient> delayedNow) {
    if (!message.isReport()
        && backoff.isDelayed(message.submittedAt(), now)
        && recipient.warnOfDelay(now)) {
      delayedNow.add(recipient);
      delayed.fire(
          new RecipientDelayed(
              message.id(), recipient.id(), recipient.address(), recipient.diagnostic(), now));
    }
  }

  private static EnvelopeRecipient envelope(Recipient recipient) {
    return new EnvelopeRecipient(
        recipient.id(), Address.parse(recipient.address()), recipient.notifyKeywords());
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
