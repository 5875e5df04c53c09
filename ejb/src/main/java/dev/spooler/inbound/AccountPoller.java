package dev.spooler.inbound;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One poll of one account with jakarta.mail: fetch each message, have it stored and committed, and
 * only then mark the remote copy deleted (expunged when the folder closes). A crash at any point
 * loses nothing: what was not yet committed is still on the server and fetched again; what was
 * committed but not yet removed is recognised by its receipt and only removed.
 */
@ApplicationScoped
public class AccountPoller {

  private static final Logger LOG = Logger.getLogger(AccountPoller.class.getName());

  /** What one poll did. */
  public record PollResult(int stored, int duplicates, int left) {}

  @EJB private InboundReceiver receiver;

  public PollResult poll(InboundAccount account) throws MessagingException {
    Session session = Session.getInstance(account.sessionProperties());
    try (Store store = session.getStore(account.protocol())) {
      store.connect(account.host(), account.port(), account.user(), account.password());
      Folder folder = store.getFolder(account.folder());
      folder.open(Folder.READ_WRITE);
      int stored = 0;
      int duplicates = 0;
      int left = 0;
      try {
        int count = Math.min(folder.getMessageCount(), account.batchSize());
        for (int i = 1; i <= count; i++) {
          Message message = folder.getMessage(i);
          if (message.isSet(Flags.Flag.DELETED)) {
            continue; // stored by an earlier poll that stopped before expunging
          }
          InboundReceiver.Receipt receipt;
          try {
            receipt = receiver.receive(account, bytes(message));
          } catch (EJBException | IllegalArgumentException e) {
            // Not stored (e.g. another node stored it first, or the database is away): the remote
            // copy stays and the next poll decides again.
            LOG.log(
                Level.WARNING, "inbound " + account.name() + ": message " + i + " not stored", e);
            left++;
            continue;
          }
          if (receipt == InboundReceiver.Receipt.STORED) {
            stored++;
          } else {
            duplicates++;
          }
          message.setFlag(Flags.Flag.DELETED, true);
        }
      } finally {
        folder.close(true);
      }
      return new PollResult(stored, duplicates, left);
    }
  }

  private static byte[] bytes(Message message) throws MessagingException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      message.writeTo(out);
    } catch (IOException e) {
      throw new MessagingException("cannot read message from the server", e);
    }
    return out.toByteArray();
  }
}
