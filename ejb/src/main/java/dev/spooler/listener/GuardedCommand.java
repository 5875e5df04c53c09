package dev.spooler.listener;

import java.io.IOException;
import java.util.Set;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * Every command goes through this: a session past its bad-command limit is closed with 421; on the
 * submission listener, everything but the greeting commands waits for STARTTLS, and the mail
 * transaction for AUTH (RFC 6409 4.3, RFC 4954 4).
 */
final class GuardedCommand implements Command {

  private static final Set<String> BEFORE_TLS =
      Set.of("EHLO", "HELO", "NOOP", "QUIT", "RSET", "STARTTLS");
  private static final Set<String> NEED_AUTH = Set.of("MAIL", "RCPT", "DATA");

  private final Command command;
  private final Listener listener;

  GuardedCommand(Command command, Listener listener) {
    this.command = command;
    this.listener = listener;
  }

  @Override
  public void execute(String line, Session session) throws IOException, DropConnectionException {
    SessionGuard guard = listener.guard();
    guard.checkNotOverLimit(session);
    String name = command.getName();
    if (listener.submission() && !session.isTLSStarted() && !BEFORE_TLS.contains(name)) {
      guard.reply(session, "530 5.7.0 Must issue a STARTTLS command first");
    } else if (listener.submission()
        && NEED_AUTH.contains(name)
        && guard.state(session).submitter() == null) {
      guard.reply(session, "530 5.7.0 Authentication required");
    } else if (!listener.submission() && "AUTH".equals(name)) {
      guard.reply(session, "502 5.5.1 AUTH is not offered here: use the submission port");
    } else {
      command.execute(line, session);
      guard.checkNotOverLimit(session);
    }
  }

  @Override
  public HelpMessage getHelp() throws CommandException {
    return command.getHelp();
  }

  @Override
  public String getName() {
    return command.getName();
  }
}
