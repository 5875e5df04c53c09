package dev.spooler.tracking;

import dev.spooler.message.Message;
import dev.spooler.message.Recipient;
import dev.spooler.message.RecipientStatusChanged;
import dev.spooler.message.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Writes the tracking log. Observes each status change inside the transaction that made it, so the
 * log and the recipients' state commit together: no entry for a rolled-back change, no change
 * without its entry.
 */
@ApplicationScoped
public class TrackingLog {

  @PersistenceContext private EntityManager em;

  void statusChanged(@Observes RecipientStatusChanged change) {
    // The message is in this transaction's persistence context already: no extra query.
    Message message = em.find(Message.class, change.messageId());
    em.persist(
        new TrackingEntry(
            change.messageId(),
            message.messageIdHeader(),
            message.sender(),
            change.recipientId(),
            change.address(),
            change.at(),
            change.stage(),
            change.transport(),
            change.previous(),
            change.status(),
            change.statusCode(),
            change.diagnostic(),
            change.attempts()));
  }

  /** An operator's action that did not change the recipient's status (e.g. "retry now"). */
  public void operatorActed(Recipient recipient, String what, Instant at) {
    acted(recipient, Stage.OPERATOR, what, at);
  }

  /** Something the spooler did to a recipient that did not change its status. */
  public void acted(Recipient recipient, Stage stage, String what, Instant at) {
    Message message = recipient.message();
    em.persist(
        new TrackingEntry(
            message.id(),
            message.messageIdHeader(),
            message.sender(),
            recipient.id(),
            recipient.address().toString(),
            at,
            stage,
            recipient.transport(),
            recipient.status(),
            recipient.status(),
            recipient.statusCode(),
            what,
            recipient.attempts()));
  }
}
