package dev.spooler.transport.local;

import dev.spooler.message.FiledMessage;
import dev.spooler.message.Mailbox;
import dev.spooler.message.MailboxDirectory;
import dev.spooler.message.MailboxRepository;
import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.transport.DeliveryOutcome;
import dev.spooler.transport.EnvelopeRecipient;
import dev.spooler.transport.OutboundMessage;
import dev.spooler.transport.TransportHealth;
import dev.spooler.transport.TransportProvider;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Files messages for {@code LOCAL:name} recipients in the Inbox of mailbox {@code name}. It writes
 * only to this server's database inside the caller's transaction, so a delivery and its recorded
 * status commit together: exactly once, even on redelivery.
 */
@ApplicationScoped
public class LocalTransport implements TransportProvider {

  public static final String NAME = "local";
  public static final String ADDRESS_TYPE = "LOCAL";

  private static final Pattern MAILBOX_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  @Inject private MailboxRepository mailboxes;
  @Inject private MessageRepository messages;
  @EJB private MailboxDirectory directory;
  @Inject private Clock clock;

  /** Unknown local users get a mailbox on first delivery unless this is off (then 5.1.1). */
  @Inject
  @ConfigProperty(name = "spooler.local.create-mailboxes", defaultValue = "true")
  private boolean createMailboxes;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> addressTypes() {
    return Set.of(ADDRESS_TYPE);
  }

  @Override
  public boolean deliversInTransaction() {
    return true;
  }

  @Override
  public TransportHealth health() {
    return TransportHealth.up(null); // the store is this server's database: up when it is
  }

  @Override
  public Map<Long, DeliveryOutcome> send(
      OutboundMessage message, List<EnvelopeRecipient> recipients) {
    Message stored =
        messages
            .find(message.id())
            .orElseThrow(() -> new IllegalStateException("not in the store: " + message.id()));
    Instant now = clock.instant();
    Map<Long, DeliveryOutcome> outcomes = new HashMap<>();
    for (EnvelopeRecipient recipient : recipients) {
      outcomes.put(recipient.id(), deliver(stored, recipient, now));
    }
    return outcomes;
  }

  private DeliveryOutcome deliver(Message message, EnvelopeRecipient recipient, Instant now) {
    String owner = recipient.address().value().toLowerCase(Locale.ROOT);
    if (!MAILBOX_NAME.matcher(owner).matches()) {
      return DeliveryOutcome.permanentFailure(
          "5.1.3", "local; '" + recipient.address().value() + "' is not a valid mailbox name");
    }
    Optional<Mailbox> mailbox = mailboxes.find(owner);
    if (mailbox.isEmpty() && !createMailboxes) {
      return DeliveryOutcome.permanentFailure("5.1.1", "local; no mailbox " + owner);
    }
    if (mailbox.isEmpty()) {
      createMailbox(owner);
      mailbox = mailboxes.find(owner);
    }
    Mailbox target = mailbox.orElseThrow(() -> new IllegalStateException("no mailbox " + owner));
    mailboxes.file(new FiledMessage(target.folder(Mailbox.INBOX).orElseThrow(), message, now));
    return DeliveryOutcome.delivered("2.0.0", "local; filed in " + owner + "/" + Mailbox.INBOX);
  }

  private void createMailbox(String owner) {
    try {
      directory.create(owner);
    } catch (EJBException lostTheRace) {
      // another delivery created it first (unique owner): it exists now, which is all we need
    }
  }
}
