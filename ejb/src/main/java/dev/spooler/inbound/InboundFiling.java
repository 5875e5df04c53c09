package dev.spooler.inbound;

import dev.spooler.hook.HookChain;
import dev.spooler.hook.HookOutcome;
import dev.spooler.hook.HookPhase;
import dev.spooler.hook.HookedMessage;
import dev.spooler.message.FiledMessage;
import dev.spooler.message.Folder;
import dev.spooler.message.Mailbox;
import dev.spooler.message.MailboxLocator;
import dev.spooler.message.MailboxRepository;
import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.MimeSessions;
import dev.spooler.message.RejectedArrival;
import dev.spooler.notify.ForwardRequested;
import dev.spooler.notify.MessageArrived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The post-processing path every arriving message takes, whether a transport fetched it (IMAP,
 * POP3) or the LOCAL transport delivered it: the post-processing hooks, then filing once in the
 * folder they chose (the Inbox unless a rule says otherwise), announced with {@link
 * MessageArrived}. Joins the caller's transaction, so filing and event commit together.
 */
@ApplicationScoped
public class InboundFiling {

  private static final Session SESSION = MimeSessions.UTF8;

  @Inject private MailboxLocator locator;
  @Inject private MailboxRepository mailboxes;
  @Inject private MessageRepository messages;
  @Inject private HookChain hooks;
  @Inject private Event<MessageArrived> arrived;
  @Inject private Event<ForwardRequested> forwards;
  @Inject private Clock clock;

  /** Whether filing runs post-processing hooks. */
  public boolean hasHooks() {
    return hooks.hasActive(HookPhase.POST_PROCESS);
  }

  public Filing file(Message message, String owner) {
    Optional<Mailbox> found = locator.open(owner);
    if (found.isEmpty()) {
      return Filing.of(Filing.Kind.NO_MAILBOX);
    }
    if (mailboxes.hasArrived(owner, message.id())) {
      return Filing.of(Filing.Kind.ALREADY_FILED);
    }
    Mailbox mailbox = found.get();
    Instant now = clock.instant();
    String folderName = Mailbox.INBOX;
    boolean read = false;
    if (hasHooks()) {
      HookedMessage hooked =
          HookedMessage.inbound(
              mime(message), message.messageIdHeader(), message.sender(), owner, Mailbox.INBOX);
      HookOutcome outcome = hooks.run(HookPhase.POST_PROCESS, hooked);
      switch (outcome.verdict().kind()) {
        case REJECT -> {
          messages.store(
              new RejectedArrival(
                  message.id(), owner, outcome.hook(), outcome.verdict().reason(), now));
          return new Filing(
              Filing.Kind.REJECTED,
              "rejected by hook " + outcome.hook() + ": " + outcome.verdict().reason(),
              null);
        }
        case DEFER -> {
          return new Filing(
              Filing.Kind.DEFERRED, outcome.verdict().reason(), outcome.verdict().delay());
        }
        default -> {
          folderName = hooked.folder();
          read = hooked.markRead();
          if (hooked.changed() && message.isFetched()) {
            message.replaceReceivedMime(hooked.bytes());
          }
          if (!hooked.forwardTo().isEmpty()) {
            forwards.fire(new ForwardRequested(owner, message.id(), hooked.forwardTo()));
          }
        }
      }
    }
    FiledMessage filed = FiledMessage.arrival(folder(mailbox, folderName), message, now);
    filed.markRead(read);
    mailboxes.file(filed);
    arrived.fire(
        new MessageArrived(
            owner, folderName, message.id(), message.sender(), message.subject(), now, filed.id()));
    return Filing.of(Filing.Kind.FILED);
  }

  /** The named folder, made if a rule names one the owner does not have yet. */
  private Folder folder(Mailbox mailbox, String name) {
    return mailbox
        .folder(name)
        .orElseGet(
            () -> {
              Folder folder = mailbox.addFolder(name);
              mailboxes.store(folder);
              return folder;
            });
  }

  private static MimeMessage mime(Message message) {
    try {
      if (message.mimeContent() != null) {
        return new MimeMessage(SESSION, new ByteArrayInputStream(message.mimeContent()));
      }
      MimeMessage mime = new MimeMessage(SESSION);
      mime.setSubject(message.subject(), "UTF-8");
      mime.setText(message.body(), "UTF-8");
      mime.setHeader("Message-ID", message.messageIdHeader());
      return mime;
    } catch (MessagingException e) {
      throw new IllegalStateException("message " + message.id() + " cannot be read as MIME", e);
    }
  }
}
