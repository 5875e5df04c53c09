package dev.spooler.management;

import dev.spooler.management.DeadLetterQueue.TakenLetter;
import dev.spooler.management.OperatorAction.ActionRecord;
import dev.spooler.management.OperatorAction.Kind;
import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.Recipient;
import dev.spooler.message.RecipientStatus;
import dev.spooler.message.RecipientStatusChanged;
import dev.spooler.queue.Dispatch;
import dev.spooler.queue.FreshDispatches;
import dev.spooler.report.DeliveryReports;
import dev.spooler.retry.TransportCircuits;
import dev.spooler.tracking.TrackingLog;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The operator's actions on queue entries, per message or for a filter. One transaction per action
 * (the EJB's): the recipients' new states, their tracking entries, the new dispatches and the
 * action's record commit together. A new dispatch carries a fresh token, so the delayed dispatch
 * already waiting in the broker for those recipients finds itself stale and sends nothing.
 */
@Stateless
public class QueueActions {

  /** Most recipients (or dead letters) one bulk action touches. */
  public static final int MAX_BULK = 10_000;

  @Inject private QueueRepository queue;
  @Inject private MessageRepository messages;
  @Inject private DeadLetterQueue deadLetters;
  @Inject private FreshDispatches fresh;
  @Inject private DeliveryReports reports;
  @Inject private TrackingLog tracking;
  @Inject private TransportCircuits circuits;
  @Inject private Event<RecipientStatusChanged> statusChanged;
  @Inject private Clock clock;
  @PersistenceContext private EntityManager em;
  @Resource private SessionContext session;

  /** Acts on every waiting recipient of one message; empty if there is no such message. */
  public Optional<ActionRecord> onMessage(Kind kind, UUID messageId) {
    if (kind == Kind.REQUEUE) {
      throw new IllegalArgumentException("requeue takes a dead letter, not a message");
    }
    if (messages.find(messageId).isEmpty()) {
      return Optional.empty();
    }
    OperatorAction action = record(kind, "message:" + messageId);
    action.affected(act(kind, queue.waiting(messageId), action));
    return Optional.of(action.view());
  }

  /** Acts on every entry the filter matches, up to {@link #MAX_BULK}. */
  public ActionRecord onFilter(Kind kind, QueueFilter filter) {
    OperatorAction action = record(kind, "filter:" + filter);
    if (filter.state() == QueueState.DEAD_LETTERED) {
      if (kind != Kind.REQUEUE && kind != Kind.DELETE) {
        throw new IllegalArgumentException("dead letters can be requeued or deleted, not " + kind);
      }
      int done = 0;
      for (DeadLetter letter : matchingDeadLetters(filter)) {
        done += handleDeadLetter(kind, letter.id()) ? 1 : 0;
      }
      action.affected(done);
    } else {
      if (kind == Kind.REQUEUE) {
        throw new IllegalArgumentException("only dead letters can be requeued");
      }
      action.affected(act(kind, queue.matching(filter, clock.instant(), 0, MAX_BULK), action));
    }
    return action.view();
  }

  /**
   * Requeues (or deletes) one dead letter; empty if it is not in the dead-letter queue. Requeueing
   * a stage message about a message still in the store sends that message's waiting recipients on
   * afresh (routing what was never routed); any other dead letter goes back to its queue as it was.
   */
  public Optional<ActionRecord> onDeadLetter(Kind kind, String deadLetterId) {
    if (!handleDeadLetter(kind, deadLetterId)) {
      return Optional.empty(); // nothing happened: nothing to record
    }
    OperatorAction action = record(kind, "dead-letter:" + deadLetterId);
    action.affected(1);
    return Optional.of(action.view());
  }

  private boolean handleDeadLetter(Kind kind, String deadLetterId) {
    if (kind != Kind.REQUEUE && kind != Kind.DELETE) {
      throw new IllegalArgumentException("dead letters can be requeued or deleted, not " + kind);
    }
    Optional<TakenLetter> taken = deadLetters.take(deadLetterId);
    if (taken.isEmpty()) {
      return false;
    }
    if (kind == Kind.DELETE) {
      return true; // taken out of the queue, and that is all
    }
    UUID messageId = taken.get().letter().messageId();
    Optional<Message> message = messageId == null ? Optional.empty() : messages.find(messageId);
    if (message.isPresent()) {
      List<Recipient> waiting = queue.waiting(messageId);
      lockFresh(waiting);
      sendOnAfresh(message.get(), waiting, "requeued from spooler.dead");
    } else {
      deadLetters.resend(taken.get());
    }
    return true;
  }

  private List<DeadLetter> matchingDeadLetters(QueueFilter filter) {
    Instant now = clock.instant();
    return deadLetters.browse(MAX_BULK).stream().filter(l -> matches(l, filter, now)).toList();
  }

  private boolean matches(DeadLetter letter, QueueFilter filter, Instant now) {
    boolean unfiltered =
        filter.sender() == null
            && filter.recipient() == null
            && filter.transport() == null
            && filter.olderThan() == null
            && filter.messageIdHeader() == null
            && filter.subject() == null
            && filter.acceptedFrom() == null
            && filter.acceptedUntil() == null;
    if (unfiltered) {
      return true;
    }
    Optional<Message> message =
        letter.messageId() == null ? Optional.empty() : messages.find(letter.messageId());
    if (message.isEmpty()) {
      return false;
    }
    Message m = message.get();
    return (filter.sender() == null || sameAddress(m.sender(), filter.sender()))
        && (filter.recipient() == null
            || m.recipients().stream()
                .anyMatch(r -> sameAddress(r.address().toString(), filter.recipient())))
        && (filter.transport() == null
            || m.recipients().stream().anyMatch(r -> filter.transport().equals(r.transport())))
        && (filter.olderThan() == null || !m.submittedAt().isAfter(now.minus(filter.olderThan())))
        && (filter.messageIdHeader() == null
            || filter.messageIdHeader().equals(m.messageIdHeader()))
        && (filter.subject() == null
            || m.subject() != null
                && m.subject()
                    .toLowerCase(Locale.ROOT)
                    .contains(filter.subject().toLowerCase(Locale.ROOT)))
        && (filter.acceptedFrom() == null || !m.submittedAt().isBefore(filter.acceptedFrom()))
        && (filter.acceptedUntil() == null || m.submittedAt().isBefore(filter.acceptedUntil()));
  }

  private static boolean sameAddress(String typed, String wanted) {
    return typed.equalsIgnoreCase(wanted)
        || typed.toLowerCase().endsWith(":" + wanted.toLowerCase());
  }

  private OperatorAction record(Kind kind, String target) {
    OperatorAction action =
        new OperatorAction(kind, target, session.getCallerPrincipal().getName(), clock.instant());
    em.persist(action); // the sequence gives it its id now: reports made by it are keyed by it
    return action;
  }

  /** Applies the action to those of these recipients it applies to; returns how many. */
  private int act(Kind kind, List<Recipient> recipients, OperatorAction action) {
    lockFresh(recipients);
    Instant now = clock.instant();
    Map<Message, List<Recipient>> byMessage = new LinkedHashMap<>();
    for (Recipient r : recipients) {
      byMessage.computeIfAbsent(r.message(), m -> new ArrayList<>()).add(r);
    }
    int affected = 0;
    for (Map.Entry<Message, List<Recipient>> entry : byMessage.entrySet()) {
      Message message = entry.getKey();
      List<Recipient> own = entry.getValue();
      affected +=
          switch (kind) {
            case HOLD -> hold(own, now);
            case RELEASE -> release(message, own, now);
            case RETRY -> sendOnAfresh(message, own, "retry now requested by the operator");
            case DELETE -> delete(message, own, now, null);
            case DELETE_WITH_NDR -> delete(message, own, now, "operator#" + action.id());
            case REQUEUE -> throw new IllegalArgumentException("only dead letters are requeued");
          };
    }
    return affected;
  }

  /**
   * Re-reads the recipients under a row lock: a dispatch sending to one of them right now finishes
   * first and its outcome is seen, instead of this action writing back the state it read before
   * (which sent a delivered recipient again, once, under load).
   */
  private void lockFresh(List<Recipient> recipients) {
    for (Recipient r : recipients) {
      em.refresh(r, LockModeType.PESSIMISTIC_WRITE);
    }
  }

  private int hold(List<Recipient> recipients, Instant now) {
    int held = 0;
    for (Recipient r : recipients) {
      if (r.status().isSendable()) {
        statusChanged.fire(r.hold(now));
        held++;
      }
    }
    return held;
  }

  private int release(Message message, List<Recipient> recipients, Instant now) {
    List<Recipient> held =
        recipients.stream().filter(r -> r.status() == RecipientStatus.HELD).toList();
    Map<String, Dispatch> dispatches = new LinkedHashMap<>();
    boolean unrouted = false;
    for (Recipient r : held) {
      String token = null;
      if (r.transport() == null) {
        unrouted = true;
      } else {
        token = FreshDispatches.dispatchFor(dispatches, message, r, held).token();
      }
      statusChanged.fire(r.release(token, now));
    }
    fresh.send(message, dispatches, unrouted);
    return held.size();
  }

  /**
   * Retry now, or requeue: one new dispatch per transport, sent without delay. A transport whose
   * circuit is open (on this node) is probed by the first of them at once, not at its probe time.
   */
  private int sendOnAfresh(Message message, List<Recipient> recipients, String why) {
    Instant now = clock.instant();
    List<Recipient> due = recipients.stream().filter(r -> r.status().isSendable()).toList();
    fresh.sendOn(message, due, now);
    due.stream()
        .map(Recipient::transport)
        .filter(Objects::nonNull)
        .distinct()
        .forEach(transport -> circuits.of(transport).probeNow(now));
    due.forEach(r -> tracking.operatorActed(r, why, now));
    return due.size();
  }

  private int delete(Message message, List<Recipient> recipients, Instant now, String reportKey) {
    List<Recipient> removed = recipients.stream().filter(r -> !r.status().isFinal()).toList();
    for (Recipient r : removed) {
      statusChanged.fire(r.removeByOperator(now));
    }
    if (reportKey != null && !removed.isEmpty()) {
      reports.afterDispatch(message, reportKey, removed);
    }
    return removed.size();
  }
}
