package dev.spooler.transport.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Duration;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Connections to one relay, reused across messages and bounded: at most {@code poolSize} are open
 * at once, so a backlog never opens more sessions than the relay is meant to take from us.
 */
final class SmtpConnectionPool implements AutoCloseable {

  private final Session session;
  private final SmtpSettings settings;
  private final Semaphore permits;
  private final BlockingDeque<Transport> idle = new LinkedBlockingDeque<>();
  private final Duration waitForConnection;

  SmtpConnectionPool(Session session, SmtpSettings settings, Duration waitForConnection) {
    this.session = session;
    this.settings = settings;
    this.permits = new Semaphore(settings.poolSize(), true);
    this.waitForConnection = waitForConnection;
  }

  /** A connected transport; give it back with {@link #release}. */
  Transport borrow() throws MessagingException {
    try {
      if (!permits.tryAcquire(waitForConnection.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new MessagingException(
            "all " + settings.poolSize() + " connections to the relay are busy");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MessagingException("interrupted while waiting for a relay connection", e);
    }
    try {
      for (Transport t = idle.pollFirst(); t != null; t = idle.pollFirst()) {
        if (t.isConnected()) { // a NOOP: the relay may have dropped an idle connection
          return t;
        }
        closeQuietly(t);
      }
      Transport fresh = session.getTransport("smtp");
      if (settings.username().isPresent()) {
        fresh.connect(settings.username().get(), settings.password().orElseThrow());
      } else {
        fresh.connect();
      }
      return fresh;
    } catch (MessagingException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  /** Returns a transport; one whose session may be broken is closed instead of reused. */
  void release(Transport transport, boolean reusable) {
    if (reusable) {
      idle.offerFirst(transport);
    } else {
      closeQuietly(transport);
    }
    permits.release();
  }

  @Override
  public void close() {
    for (Transport t = idle.pollFirst(); t != null; t = idle.pollFirst()) {
      closeQuietly(t);
    }
  }

  private static void closeQuietly(Transport t) {
    try {
      t.close();
    } catch (MessagingException e) {
      // already broken; nothing to clean up on our side
    }
  }
}
