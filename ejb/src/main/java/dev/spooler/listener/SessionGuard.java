package dev.spooler.listener;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Admits sessions (at most so many per client address; the server itself bounds all of them) and
 * keeps each session's state; a session that has had too many commands refused is closed with 421.
 */
final class SessionGuard implements SessionHandler {

  private final int perAddress;
  private final int maxBadCommands;
  private final Map<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();
  private final Map<Session, SessionState> states = new ConcurrentHashMap<>();

  SessionGuard(int perAddress, int maxBadCommands) {
    this.perAddress = perAddress;
    this.maxBadCommands = maxBadCommands;
  }

  @Override
  public SessionAcceptance accept(Session session) {
    InetAddress client = session.getRealRemoteAddress().getAddress();
    int count = open.computeIfAbsent(client, a -> new AtomicInteger()).incrementAndGet();
    if (count > perAddress) {
      release(client);
      return SessionAcceptance.failure(
          421, "4.7.0 Too many connections from your address, try again later");
    }
    states.put(session, new SessionState());
    return SessionAcceptance.success();
  }

  @Override
  public void onSessionEnd(Session session) {
    if (states.remove(session) != null) {
      release(session.getRealRemoteAddress().getAddress());
    }
  }

  private void release(InetAddress client) {
    open.computeIfPresent(client, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  SessionState state(Session session) {
    SessionState state = states.get(session);
    if (state == null) {
      throw new IllegalStateException("session " + session.getSessionId() + " was not admitted");
    }
    return state;
  }

  /** Sends a reply; a refusal counts, and one too many closes the session with 421. */
  void reply(Session session, String reply) throws java.io.IOException, DropConnectionException {
    session.sendResponse(reply);
    if (reply.startsWith("5")) {
      refused(session);
    }
  }

  /** Counts a refusal made elsewhere (a failed AUTH) and closes the session past the limit. */
  void refused(Session session) throws DropConnectionException {
    if (state(session).refused() >= maxBadCommands) {
      throw tooManyErrors();
    }
  }

  /** Refuses the next command of a session that has reached the limit. */
  void checkNotOverLimit(Session session) throws DropConnectionException {
    if (state(session).badCommands() >= maxBadCommands) {
      throw tooManyErrors();
    }
  }

  private static DropConnectionException tooManyErrors() {
    return new DropConnectionException(421, "4.7.0 Too many errors, closing the connection");
  }
}
