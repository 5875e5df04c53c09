package dev.spooler.message;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds a local user's mailbox, creating it on first use unless {@code
 * spooler.local.create-mailboxes} is off. Mailbox names are lower case: {@code LOCAL:Bob} is {@code
 * bob}.
 *
 * <p>Two first deliveries to one new mailbox on this node take turns to create it (a lock striped
 * by name): the second finds the first's mailbox instead of failing on the unique owner, which
 * would log the database's unique-index error and a rolled-back transaction although nothing is
 * wrong. Nodes of a cluster can still race; the loser's creation fails and it finds the winner's.
 */
@ApplicationScoped
public class MailboxLocator {

  private static final Pattern MAILBOX_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final int CREATION_STRIPES = 32;

  private final ReentrantLock[] creating = new ReentrantLock[CREATION_STRIPES];

  {
    for (int i = 0; i < CREATION_STRIPES; i++) {
      creating[i] = new ReentrantLock();
    }
  }

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
    ReentrantLock lock = creating[Math.floorMod(owner.hashCode(), CREATION_STRIPES)];
    lock.lock();
    try {
      // Read again under the lock: a delivery that held it may just have committed this mailbox.
      mailbox = mailboxes.find(owner);
      if (mailbox.isEmpty()) {
        directory.create(owner);
      }
    } catch (EJBException lostTheRace) {
      // another node created it first (owner is unique): it exists now, which is enough
    } finally {
      lock.unlock();
    }
    return mailboxes.find(owner);
  }
}
