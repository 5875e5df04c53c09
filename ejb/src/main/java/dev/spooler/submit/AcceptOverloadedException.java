package dev.spooler.submit;

import jakarta.ejb.ApplicationException;

/**
 * Accepting is behind: the accept queue holds as many submissions as it may, or the server is
 * stopping. Nothing of the refused submission was stored; the client should send it again after
 * {@link #retryAfterSeconds()} (HTTP 503 with Retry-After, SMTP 421 4.3.2).
 */
@ApplicationException(rollback = false)
public class AcceptOverloadedException extends RuntimeException {

  private final int retryAfterSeconds;

  public AcceptOverloadedException(String reason, int retryAfterSeconds) {
    super(reason);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
