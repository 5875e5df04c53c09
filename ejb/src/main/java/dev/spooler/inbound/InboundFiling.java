package dev.spooler.inbound;

import dev.spooler.message.FiledMessage;
import dev.spooler.message.Mailbox;
import dev.spooler.message.MailboxLocator;
import dev.spooler.message.MailboxRepository;
import dev.spooler.message.Message;
import dev.spooler.notify.MessageArrived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The post-processing path every arriving message takes, whether a transport fetched it (IMAP,
 * POP3) or the LOCAL transport delivered it: file it once in the owner's Inbox and announce it with
 * {@link MessageArrived}. Joins the caller's transaction, so filing and event commit together.
 */
@ApplicationScoped
public class InboundFiling {

  @Inject private MailboxLocator locator;
  @Inject private MailboxRepository mailboxes;
  @Inject private Event<MessageArrived> arrived;
  @Inject private Clock clock;

  public Filing file(Message message, String owner) {
    Optional<Mailbox> mailbox = locator.open(owner);
    if (mailbox.isEmpty()) {
      return Filing.NO_MAILBOX;
    }
    if (mailboxes.hasArrived(owner, message.id())) {
      return Filing.ALREADY_FILED;
    }
    Instant now = clock.instant();
    FiledMessage filed =
        FiledMessage.arrival(mailbox.get().folder(Mailbox.INBOX).orElseThrow(), message, now);
    mailboxes.file(filed);
    arrived.fire(
        new MessageArrived(
            owner,
            Mailbox.INBOX,
            message.id(),
            message.sender(),
            message.subject(),
            now,
            filed.id()));
    return Filing.FILED;
  }
}
