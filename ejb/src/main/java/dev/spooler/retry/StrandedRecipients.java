package dev.spooler.retry;

import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.Recipient;
import dev.spooler.message.Stage;
import dev.spooler.queue.FreshDispatches;
import dev.spooler.tracking.TrackingLog;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Recipients whose stage message is gone: still pending or deferred long after their dispatch (or,
 * unrouted, their submitted message) was due. A node killed between committing a stage's database
 * work and writing its transaction log leaves such recipients (the database, the last resource,
 * committed; the broker's half is presumed aborted), and one that dies with a transaction prepared
 * at the broker leaves its stage messages locked there until its own server recovers them. Sending
 * them on afresh (a new token) needs neither: whatever the broker later releases is stale.
 */
@Stateless
public class StrandedRecipients {

  private static final Logger LOG = Logger.getLogger(StrandedRecipients.class.getName());

  @Inject private MessageRepository messages;
  @Inject private FreshDispatches fresh;
  @Inject private TrackingLog tracking;

  /** Messages with a recipient whose stage message was due before {@code cutoff}. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<UUID> messagesWaitingSince(Instant cutoff, int max) {
    return messages.messagesWaitingSince(cutoff, max);
  }

  /**
   * Sends on afresh the recipients of one message still waiting since before {@code cutoff}; one
   * transaction per message. They are locked first: a dispatch that is sending to them right now
   * holds them, and once it commits they are no longer waiting. Returns how many were sent on.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int sendOn(UUID messageId, Instant cutoff, Instant now, String why) {
    Optional<Message> found = messages.find(messageId);
    if (found.isEmpty()) {
      return 0;
    }
    Message message = found.get();
    List<Recipient> stranded =
        messages.lockSendableRecipients(messageId).stream()
            .filter(r -> dueAt(r, message).isBefore(cutoff))
            .toList();
    if (stranded.isEmpty()) {
      return 0;
    }
    LOG.info(
        () ->
            "message "
                + messageId
                + ": recipients "
                + stranded.stream().map(r -> r.id() + " (" + describe(r, message) + ")").toList()
                + " sent on afresh");
    fresh.sendOn(message, stranded, now);
    for (Recipient r : stranded) {
      tracking.acted(r, r.transport() == null ? Stage.ROUTE : Stage.TRANSPORT, why, now);
    }
    return stranded.size();
  }

  private static String describe(Recipient r, Message message) {
    return r.status()
        + (r.transport() == null ? ", unrouted" : ", " + r.transport())
        + ", due "
        + dueAt(r, message);
  }

  /** When the stage message for this recipient was due: its own time, or else the message's. */
  private static Instant dueAt(Recipient r, Message message) {
    if (r.dueAt() != null) {
      return r.dueAt();
    }
    return message.deferredUntil() != null ? message.deferredUntil() : message.submittedAt();
  }
}
