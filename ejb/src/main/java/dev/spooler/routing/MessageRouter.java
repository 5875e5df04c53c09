package dev.spooler.routing;

import dev.spooler.dispatch.DispatchService;
import dev.spooler.hook.HookFailedException;
import dev.spooler.hook.HookOutcome;
import dev.spooler.hook.HookVerdict;
import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.Priority;
import dev.spooler.message.Recipient;
import dev.spooler.message.RecipientStatus;
import dev.spooler.message.RecipientStatusChanged;
import dev.spooler.notify.RecipientsRouted;
import dev.spooler.queue.Dispatch;
import dev.spooler.queue.SpoolQueues;
import dev.spooler.report.DeliveryReports;
import dev.spooler.transport.TransportProvider;
import dev.spooler.transport.TransportRegistry;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * Hands each pending recipient of a message to the transport provider of its address type and emits
 * one dispatch per (message, provider). A recipient no provider handles fails at once.
 */
@Stateless
public class MessageRouter {

  private static final Logger LOG = Logger.getLogger(MessageRouter.class.getName());

  @Inject private MessageRepository messages;
  @Inject private TransportRegistry registry;
  @Inject private SpoolQueues queues;
  @Inject private Event<RecipientStatusChanged> statusChanged;
  @Inject private Event<RecipientsRouted> routed;
  @Inject private DispatchService dispatches;
  @Inject private DeliveryReports reports;
  @Inject private Preprocessor preprocessor;
  @Inject private Clock clock;

  /** Routes and queues one dispatch per provider (the pre-process stage). */
  public void route(UUID messageId) {
    route(messageId, false, this::queue);
  }

  /**
   * Routes in the caller's (the accepting) transaction and queues the dispatches, as the
   * pre-process stage would; a hook that fails or defers sends the message to that stage instead.
   */
  public void routeOnAccept(UUID messageId) {
    route(messageId, true, this::queue);
  }

  /**
   * Routes these messages, accepted in the caller's one transaction (e.g. a group commit), and
   * queues their dispatches together: one stage message per transport and priority instead of one
   * per message, so that the transport stage carries them out as one batch.
   */
  public void routeOnAccept(List<UUID> messageIds) {
    Map<Priority, List<Dispatch>> collected = new EnumMap<>(Priority.class);
    for (UUID id : messageIds) {
      route(
          id,
          true,
          (message, dispatch) ->
              collected.computeIfAbsent(message.priority(), p -> new ArrayList<>()).add(dispatch));
    }
    collected.forEach((priority, dispatches) -> queues.dispatchesWereRouted(dispatches, priority));
  }

  private void queue(Message message, Dispatch dispatch) {
    queues.recipientsWereRouted(dispatch, message.priority());
  }

  /**
   * Routes and delivers at once, in the caller's transaction: only for messages whose every
   * recipient goes to a provider that delivers in-transaction (see {@link
   * TransportRegistry#deliverInTransaction}).
   */
  public void routeAndDeliver(UUID messageId) {
    route(messageId, true, (message, dispatch) -> dispatches.dispatch(dispatch));
  }

  /** Runs the pre-processing hooks; false when they rejected or deferred the message. */
  private boolean preprocess(Message message, boolean inline) {
    HookOutcome outcome;
    try {
      outcome = preprocessor.preprocess(message);
    } catch (HookFailedException e) {
      if (!inline) {
        throw e;
      }
      // In the submit transaction a failing hook must not fail the submission: the message
      // goes through the stages instead, where the hook is retried under redelivery rules.
      queues.messageWasAccepted(message.id(), message.priority(), Duration.ZERO);
      return false;
    }
    HookVerdict verdict = outcome.verdict();
    switch (verdict.kind()) {
      case REJECT -> {
        Instant now = clock.instant();
        List<Recipient> rejected = new ArrayList<>();
        for (Recipient r : message.recipients()) {
          if (!r.status().isFinal()) {
            statusChanged.fire(
                r.failed(
                    "5.7.1", "rejected by hook " + outcome.hook() + ": " + verdict.reason(), now));
            rejected.add(r);
          }
        }
        reports.afterDispatch(message, "preprocess", rejected);
        return false;
      }
      case DEFER -> {
        queues.messageWasAccepted(message.id(), message.priority(), verdict.delay());
        Instant due = clock.instant().plus(verdict.delay());
        message.recipients().stream()
            .filter(r -> r.status() == RecipientStatus.PENDING && r.transport() == null)
            .forEach(r -> r.awaitRouting(due));
        return false;
      }
      default -> {
        return true;
      }
    }
  }

  private void route(UUID messageId, boolean inline, BiConsumer<Message, Dispatch> emit) {
    Optional<Message> found = messages.find(messageId);
    if (found.isEmpty()) {
      // Deleted before the stage ran: nothing left to route.
      LOG.warning(() -> "message " + messageId + " is no longer in the store; not routed");
      return;
    }
    if (!preprocess(found.get(), inline)) {
      return;
    }
    Map<String, List<Long>> byTransport = new LinkedHashMap<>();
    List<Recipient> unroutable = new ArrayList<>();
    for (Recipient recipient : found.get().recipients()) {
      if (recipient.status() != RecipientStatus.PENDING || recipient.transport() != null) {
        continue; // already routed by an earlier delivery of this same JMS message
      }
      Optional<TransportProvider> provider = registry.forAddressType(recipient.addressType());
      if (provider.isEmpty()) {
        statusChanged.fire(
            recipient.failed(
                "5.1.2",
                "no transport for address type " + recipient.addressType(),
                clock.instant()));
        unroutable.add(recipient);
        continue;
      }
      recipient.assignTo(provider.get().name());
      byTransport
          .computeIfAbsent(provider.get().name(), name -> new ArrayList<>())
          .add(recipient.id());
    }
    if (!unroutable.isEmpty()) {
      reports.afterDispatch(found.get(), "route", unroutable);
    }
    byTransport.forEach(
        (transport, ids) -> {
          routed.fire(new RecipientsRouted(messageId, transport, ids.size()));
          emit.accept(found.get(), dispatch(found.get(), transport, ids, clock.instant()));
        });
  }

  /** A first dispatch to these recipients; each of them now waits for it alone. */
  private static Dispatch dispatch(Message message, String transport, List<Long> ids, Instant now) {
    Dispatch dispatch = Dispatch.first(message.id(), transport, ids, 1);
    message.recipients().stream()
        .filter(r -> ids.contains(r.id()))
        .forEach(r -> r.expectDispatch(dispatch.token(), now));
    return dispatch;
  }
}
