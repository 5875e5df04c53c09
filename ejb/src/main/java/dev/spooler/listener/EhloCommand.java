package dev.spooler.listener;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * EHLO and HELO: the greeting, and for EHLO the extensions (RFC 5321 4.1.1.1); AUTH is offered on
 * the submission listener only, and only once TLS is on.
 */
final class EhloCommand extends BaseCommand {

  private final Listener listener;

  EhloCommand(String verb, Listener listener) {
    super(verb, "Introduce yourself", "<domain>");
    this.listener = listener;
  }

  @Override
  public void execute(String line, Session session) throws IOException, DropConnectionException {
    String[] args = getArgs(line);
    if (args.length < 2) {
      listener.guard().reply(session, "501 5.5.4 Syntax: " + getName() + " <domain>");
      return;
    }
    session.resetMailTransaction();
    session.setHelo(args[1]);
    String host = listener.settings().hostName();
    if ("HELO".equals(getName())) {
      session.sendResponse("250 " + host);
      return;
    }
    StringBuilder reply = new StringBuilder("250-").append(host).append(" greets ").append(args[1]);
    reply.append("\r\n250-PIPELINING");
    reply.append("\r\n250-SIZE ").append(listener.settings().sizeLimit());
    reply.append("\r\n250-8BITMIME");
    reply.append("\r\n250-SMTPUTF8");
    reply.append("\r\n250-DSN");
    if (listener.tls() && !session.isTLSStarted()) {
      reply.append("\r\n250-STARTTLS");
    }
    if (listener.submission() && session.isTLSStarted()) {
      reply.append("\r\n250-AUTH PLAIN LOGIN");
    }
    reply.append("\r\n250 ENHANCEDSTATUSCODES");
    session.sendResponse(reply.toString());
  }
}
