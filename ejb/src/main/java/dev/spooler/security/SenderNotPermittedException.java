package dev.spooler.security;

import jakarta.ejb.ApplicationException;

/** The authenticated principal may not submit with this From: nothing is stored. */
@ApplicationException(rollback = true)
public class SenderNotPermittedException extends RuntimeException {

  public SenderNotPermittedException(String reason) {
    super(reason);
  }

  /** The words of the refusal: who may not use which From. */
  public static String reason(String principal, String from) {
    return "user '" + principal + "' may not send as " + from;
  }
}
