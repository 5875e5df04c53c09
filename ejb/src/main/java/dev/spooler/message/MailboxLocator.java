package dev.spooler.message;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds a local user's mailbox, creating it on first use unless {@code
 * spooler.local.create-mailboxes} is off. Mailbox names are lower case: {@code LOCAL:Bob} is {@code
 * bob}.
 */
@ApplicationScoped
public class MailboxLocator {

  private static final Pattern MAILBOX_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  @Inject private MailboxRepository mailboxes;
  @EJB private MailboxDirectory directory;

  @Inject
  @ConfigProperty(name = "spooler.local.create-mailboxes", defaultValue = "true")
  boolean createMailboxes;

  /** The mailbox name for a local address value, or empty if it cannot name a mailbox. */
  public static Optional<String> ownerOf(String localName) {
    String owner = localName.toLowerCase(Locale.ROOT);
    return MAILBOX_NAME.matcher(owner).matches() ? Optional.of(owner) : Optional.empty();
  }

  /** The owner's mailbox; empty if there is none and none may be created. */
  public Optional<Mailbox> open(String owner) {
    Optional<Mailbox> mailbox = mailboxes.find(owner);
    if (mailbox.isPresent() || !createMailboxes) {
      return mailbox;
    }
    try {
      directory.create(owner);
    } catch (EJBException lostTheRace) {
      // another transaction created it first (owner is unique): it exists now, which is enough
    }
    return mailboxes.find(owner);
  }
}
