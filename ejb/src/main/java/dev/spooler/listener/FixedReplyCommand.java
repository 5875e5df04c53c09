package dev.spooler.listener;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * A command whose answer is always the same: NOOP, RSET (which also ends the mail transaction),
 * QUIT (which ends the session), VRFY (no address probing), and those the listener does not offer.
 */
final class FixedReplyCommand extends BaseCommand {

  private final String reply;
  private final SessionGuard guard;

  FixedReplyCommand(String name, String reply, SessionGuard guard) {
    super(name, reply);
    this.reply = reply;
    this.guard = guard;
  }

  @Override
  public void execute(String line, Session session) throws IOException, DropConnectionException {
    if ("RSET".equals(getName())) {
      session.resetMailTransaction();
    }
    guard.reply(session, reply);
    if ("QUIT".equals(getName())) {
      // after the reply: quitting closes the connection
      session.quit();
    }
  }
}
