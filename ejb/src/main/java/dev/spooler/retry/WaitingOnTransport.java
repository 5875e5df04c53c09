package dev.spooler.retry;

import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.Recipient;
import dev.spooler.message.RecipientStatus;
import dev.spooler.message.Stage;
import dev.spooler.queue.FreshDispatches;
import dev.spooler.tracking.TrackingLog;
import dev.spooler.transport.DeliveryOutcome;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Recipients that wait on a transport's system: deferred because it was unreachable (4.4.1/4.4.2:
 * the sends that opened its circuit, the probes that failed, the dispatches that waited for a
 * probe), due at a later attempt. Sending them on afresh (a new token, no delay) is what a closed
 * circuit does, for every node: the store is shared, and the dispatch already in the broker for
 * them finds itself stale.
 */
@Stateless
public class WaitingOnTransport {

  @Inject private MessageRepository messages;
  @Inject private FreshDispatches fresh;
  @Inject private TrackingLog tracking;

  /** Messages with such recipients, highest priority first, then oldest. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<UUID> messages(String transport, Instant now, int max) {
    return messages.messagesDeferredOn(transport, DeliveryOutcome.UNREACHABLE_CODES, now, max);
  }

  /**
   * Sends on now the recipients of one message still waiting on {@code transport}; one transaction
   * per message. They are locked first and checked again: a dispatch sending to one of them right
   * now finishes first, and what it recorded counts. Returns how many were sent on.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int sendOn(UUID messageId, String transport, Instant now) {
    Optional<Message> found = messages.find(messageId);
    if (found.isEmpty()) {
      return 0;
    }
    List<Recipient> waiting =
        messages.lockSendableRecipients(messageId).stream()
            .filter(r -> isWaitingOn(r, transport, now))
            .toList();
    if (waiting.isEmpty()) {
      return 0;
    }
    fresh.sendOn(found.get(), waiting, now);
    String why = "sent on at once: " + transport + " answers again";
    waiting.forEach(r -> tracking.acted(r, Stage.TRANSPORT, why, now));
    return waiting.size();
  }

  static boolean isWaitingOn(Recipient r, String transport, Instant now) {
    return transport.equals(r.transport())
        && r.status() == RecipientStatus.DEFERRED
        && DeliveryOutcome.UNREACHABLE_CODES.contains(r.statusCode())
        && r.dueAt() != null
        && r.dueAt().isAfter(now);
  }
}
