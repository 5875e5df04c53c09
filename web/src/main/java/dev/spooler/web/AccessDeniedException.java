package dev.spooler.web;

/** The caller is authenticated but the thing asked for is someone else's: 403. */
public class AccessDeniedException extends RuntimeException {

  public AccessDeniedException(String reason) {
    super(reason);
  }
}
