package dev.spooler.queue;

import dev.spooler.message.Message;
import dev.spooler.message.Recipient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends recipients on afresh: one new dispatch per transport with a fresh token, without delay, so
 * that a dispatch still somewhere in the broker for them finds itself stale and sends nothing;
 * recipients never routed go back to the pre-process stage. Used by the operator's "retry now",
 * "release" and "requeue" and by the sweep for stranded recipients. Joins the caller's transaction.
 */
@ApplicationScoped
public class FreshDispatches {

  @Inject private SpoolQueues queues;

  /** Every one of these (sendable) recipients of {@code message} is sent on now. */
  public void sendOn(Message message, List<Recipient> recipients, Instant now) {
    Map<String, Dispatch> dispatches = new LinkedHashMap<>();
    boolean unrouted = false;
    for (Recipient r : recipients) {
      if (r.transport() == null) {
        unrouted = true;
        r.retryNow(null, now);
      } else {
        r.retryNow(dispatchFor(dispatches, message, r, recipients).token(), now);
      }
    }
    send(message, dispatches, unrouted);
  }

  /**
   * The one new dispatch in {@code dispatches} for the recipient's transport, made on first use.
   */
  public static Dispatch dispatchFor(
      Map<String, Dispatch> dispatches, Message message, Recipient r, List<Recipient> all) {
    return dispatches.computeIfAbsent(
        r.transport(),
        transport -> {
          List<Recipient> same = all.stream().filter(o -> transport.equals(o.transport())).toList();
          int attempt = same.stream().mapToInt(Recipient::attempts).max().orElse(0) + 1;
          return Dispatch.first(
              message.id(), transport, same.stream().map(Recipient::id).toList(), attempt);
        });
  }

  /** Queues these dispatches, and the message for routing if some recipients were never routed. */
  public void send(Message message, Map<String, Dispatch> dispatches, boolean unrouted) {
    queues.dispatchesWereRouted(dispatches.values(), message.priority());
    if (unrouted) {
      // Never routed (e.g. held before its deferred time): the pre-process stage routes it now.
      queues.messageWasAccepted(message.id(), message.priority(), Duration.ZERO);
    }
  }
}
