package dev.spooler.security;

import jakarta.ejb.ApplicationException;

/** The authenticated principal may not submit with this From: nothing is stored. */
@ApplicationException(rollback = true)
public class SenderNotPermittedException extends RuntimeException {

  private final String principal;
  private final String from;

  public SenderNotPermittedException(String principal, String from) {
    super("user '" + principal + "' may not send as " + from);
    this.principal = principal;
    this.from = from;
  }

  public String principal() {
    return principal;
  }

  public String from() {
    return from;
  }
}
