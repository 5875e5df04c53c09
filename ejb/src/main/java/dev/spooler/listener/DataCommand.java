package dev.spooler.listener;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.io.DotTerminatedInputStream;
import org.subethamail.smtp.internal.io.DotUnstuffingInputStream;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * DATA: reads the message up to the size limit under the data timeout, adds the trace, and hands it
 * to the listener's drop, whose reply (250 only after commit) is the answer.
 */
final class DataCommand extends BaseCommand {

  private static final Logger LOG = Logger.getLogger(DataCommand.class.getName());

  private final Listener listener;

  DataCommand(Listener listener) {
    super("DATA", "The message follows, ended by a line with a single dot");
    this.listener = listener;
  }

  @Override
  public void execute(String line, Session session) throws IOException, DropConnectionException {
    SessionGuard guard = listener.guard();
    if (!line.strip().equalsIgnoreCase("DATA")) {
      guard.reply(session, "501 5.5.4 DATA takes no parameters");
      return;
    }
    if (!session.isMailTransactionInProgress()) {
      guard.reply(session, "503 5.5.1 Need MAIL before DATA");
      return;
    }
    if (session.getRecipientCount() == 0) {
      guard.reply(session, "554 5.5.1 No valid recipients");
      return;
    }
    session.sendResponse("354 Start mail input; end with <CRLF>.<CRLF>");
    byte[] data = read(session);
    SmtpTransaction transaction = (SmtpTransaction) session.getMessageHandler();
    String reply;
    if (data == null) {
      reply =
          "552 5.3.4 Message size exceeds the limit of "
              + listener.settings().sizeLimit()
              + " bytes";
    } else {
      reply = deliver(session, transaction, data);
    }
    session.resetMailTransaction();
    if (reply.startsWith("421 ")) {
      // Overload: the reply closes the session (RFC 5321 3.8), shedding its load for a while.
      throw new DropConnectionException(421, reply.substring(4));
    }
    guard.reply(session, reply);
  }

  /** The unstuffed message, or null when it was larger than the limit (read to its end anyway). */
  private byte[] read(Session session) throws IOException {
    int limit = listener.settings().sizeLimit();
    int commandTimeout = session.getSocket().getSoTimeout();
    session.getSocket().setSoTimeout((int) listener.settings().dataTimeout().toMillis());
    try {
      InputStream in =
          new DotUnstuffingInputStream(new DotTerminatedInputStream(session.getRawInput()));
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      byte[] buffer = new byte[8192];
      long total = 0;
      for (int n; (n = in.read(buffer)) != -1; ) {
        total += n;
        if (total <= limit) {
          out.write(buffer, 0, n);
        }
      }
      return total <= limit ? out.toByteArray() : null;
    } finally {
      session.getSocket().setSoTimeout(commandTimeout);
    }
  }

  private String deliver(Session session, SmtpTransaction transaction, byte[] data) {
    List<SmtpTransaction.EnvelopeRecipient> recipients = transaction.recipients();
    TraceHeaders.Origin origin =
        new TraceHeaders.Origin(
            session.getHelo().orElse(null),
            ((InetSocketAddress) session.getRemoteAddress()).getAddress().getHostAddress(),
            session.isTLSStarted(),
            listener.guard().state(session).submitter() != null,
            transaction.smtputf8(),
            session.getSessionId());
    Stamped stamped =
        listener
            .trace()
            .stamp(
                data,
                origin,
                recipients.size() == 1 ? recipients.get(0).address() : null,
                listener.drop().deliversFinally() ? transaction.reversePath() : null,
                ZonedDateTime.now());
    try {
      return listener.drop().deliver(listener.guard().state(session), transaction, stamped);
    } catch (RuntimeException e) {
      // Nothing committed: the client keeps the message and tries again.
      LOG.log(Level.WARNING, "SMTP " + listener.name() + ": message not stored", e);
      return "451 4.3.0 Message not stored, try again later";
    }
  }
}
