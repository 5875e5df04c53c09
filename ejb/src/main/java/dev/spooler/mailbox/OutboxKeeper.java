package dev.spooler.mailbox;

import dev.spooler.message.Address;
import dev.spooler.message.FiledMessage;
import dev.spooler.message.Mailbox;
import dev.spooler.message.MailboxLocator;
import dev.spooler.message.MailboxRepository;
import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.RecipientStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * A local sender's submitted message waits in its Outbox until every recipient is final, then moves
 * to Sent Items, as in a MAPI message store. The move happens in the transaction that made the last
 * recipient final.
 */
@ApplicationScoped
public class OutboxKeeper {

  @Inject private MailboxLocator locator;
  @Inject private MailboxRepository mailboxes;
  @Inject private MessageRepository messages;
  @Inject private Clock clock;

  /** Whether this sender may submit: not a local user, or one with a mailbox (made if need be). */
  public boolean acceptsSender(Address sender) {
    return !Address.LOCAL.equals(sender.type())
        || MailboxLocator.ownerOf(sender.value()).flatMap(locator::open).isPresent();
  }

  /** Files a just-submitted message in its local sender's Outbox. */
  public void fileInOutbox(Message message) {
    localSender(message)
        .flatMap(owner -> mailboxes.find(owner))
        .ifPresent(
            m ->
                mailboxes.file(
                    new FiledMessage(
                        m.folder(Mailbox.OUTBOX).orElseThrow(), message, clock.instant())));
  }

  void recipientChanged(@Observes RecipientStatusChanged change) {
    if (!change.status().isFinal()) {
      return;
    }
    Message message = messages.find(change.messageId()).orElse(null);
    if (message == null || localSender(message).isEmpty()) {
      return;
    }
    // Recipients of one message become final in concurrent transactions (one per transport):
    // under the message's lock, the last of them sees all the others' commits.
    messages.lock(message);
    if (messages.unfinishedRecipients(message.id()) == 0) {
      moveToSentItems(message);
    }
  }

  private void moveToSentItems(Message message) {
    localSender(message)
        .flatMap(owner -> mailboxes.find(owner))
        .ifPresent(
            mailbox ->
                mailboxes
                    .entry(mailbox.owner(), Mailbox.OUTBOX, message.id())
                    .ifPresent(
                        entry -> entry.moveTo(mailbox.folder(Mailbox.SENT_ITEMS).orElseThrow())));
  }

  private static Optional<String> localSender(Message message) {
    if (message.sender().isEmpty()) {
      return Optional.empty();
    }
    Address sender = Address.parse(message.sender());
    return Address.LOCAL.equals(sender.type())
        ? MailboxLocator.ownerOf(sender.value())
        : Optional.empty();
  }
}
