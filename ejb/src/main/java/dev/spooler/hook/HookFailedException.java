package dev.spooler.hook;

import jakarta.ejb.ApplicationException;

/**
 * A hook threw. Not a system exception, so that it reaches the stage unwrapped and the stage
 * decides: roll back for a redelivery, or, at the last attempt, commit a dead letter.
 */
@ApplicationException(rollback = false)
public class HookFailedException extends RuntimeException {

  private final String hook;

  public HookFailedException(String hook, RuntimeException cause) {
    super("hook " + hook + " failed: " + cause, cause);
    this.hook = hook;
  }

  public String hook() {
    return hook;
  }
}
