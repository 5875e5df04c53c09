package dev.spooler.transport.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
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
  private final Session utf8Session;
  private final SmtpSettings settings;
  private final Semaphore permits;
  private final BlockingDeque<ReplyRecordingTransport> idle = new LinkedBlockingDeque<>();
  private final BlockingDeque<ReplyRecordingTransport> idleUtf8 = new LinkedBlockingDeque<>();
  private final Duration waitForConnection;

  /**
   * @param utf8Session the session for SMTPUTF8 transactions ({@code mail.mime.allowutf8}): Angus
   *     sends commands in UTF-8 only then, and logs at INFO for each message it sends with it to a
   *     relay without SMTPUTF8, so the others go on connections of {@code session}
   */
  SmtpConnectionPool(
      Session session, Session utf8Session, SmtpSettings settings, Duration waitForConnection) {
    this.session = session;
    this.utf8Session = utf8Session;
    this.settings = settings;
    this.permits = new Semaphore(settings.poolSize(), true);
    this.waitForConnection = waitForConnection;
  }

  /**
   * A connected transport, for UTF-8 commands when {@code utf8}; give it back with {@link
   * #release}. Both kinds count against one bound.
   */
  ReplyRecordingTransport borrow(boolean utf8) throws MessagingException {
    BlockingDeque<ReplyRecordingTransport> idle = utf8 ? idleUtf8 : this.idle;
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
      for (ReplyRecordingTransport t = idle.pollFirst(); t != null; t = idle.pollFirst()) {
        if (t.isConnected()) { // a NOOP: the relay may have dropped an idle connection
          return t;
        }
        closeQuietly(t);
      }
      ReplyRecordingTransport fresh =
          new ReplyRecordingTransport(
              utf8 ? utf8Session : session, new URLName("smtp", null, -1, null, null, null), utf8);
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
  void release(ReplyRecordingTransport transport, boolean reusable) {
    if (reusable) {
      (transport.utf8() ? idleUtf8 : idle).offerFirst(transport);
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
    for (Transport t = idleUtf8.pollFirst(); t != null; t = idleUtf8.pollFirst()) {
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
