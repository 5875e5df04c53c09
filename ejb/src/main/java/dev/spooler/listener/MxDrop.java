package dev.spooler.listener;

import dev.spooler.inbound.InboundReceiver;
import java.util.UUID;

/**
 * The MX listener's mail: only recipients in the local domains that name a local user, filed in
 * their mailboxes through the inbound path (post-processing hooks, Inbox, arrival event); any other
 * recipient is relaying, which it never does.
 */
final class MxDrop implements MailDrop {

  private final InboundReceiver receiver;
  private final ApplicationUsers users;
  private final LocalDomains local;

  MxDrop(InboundReceiver receiver, ApplicationUsers users, LocalDomains local) {
    this.receiver = receiver;
    this.users = users;
    this.local = local;
  }

  @Override
  public String refuseSender(SessionState session, String reversePath) {
    return null;
  }

  @Override
  public Verdict recipient(SessionState session, String address) {
    if (!local.isLocal(address)) {
      return Verdict.refuse(
          "550 5.7.1 Relaying denied: <" + address + "> is not in a local domain");
    }
    return local
        .mailbox(address)
        .filter(users::isLocalUser)
        .map(Verdict::take)
        .orElse(Verdict.refuse("550 5.1.1 No such local user: <" + address + ">"));
  }

  @Override
  public String deliver(SessionState session, SmtpTransaction transaction, Stamped message) {
    UUID id =
        receiver.receiveForMailboxes(
            message.bytes(),
            transaction.recipients().stream().map(r -> r.stored()).distinct().toList());
    return "250 2.0.0 Ok: delivered as " + id;
  }

  @Override
  public boolean deliversFinally() {
    return true;
  }
}
