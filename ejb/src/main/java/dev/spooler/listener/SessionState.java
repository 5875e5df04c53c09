package dev.spooler.listener;

import dev.spooler.security.Submitter;
import java.util.concurrent.atomic.AtomicInteger;

/** What the listener remembers about one SMTP session: its bad commands and its user. */
final class SessionState {

  private final AtomicInteger badCommands = new AtomicInteger();
  private volatile Submitter submitter;

  /** Counts one more refused command; returns the count. */
  int refused() {
    return badCommands.incrementAndGet();
  }

  int badCommands() {
    return badCommands.get();
  }

  void authenticated(Submitter submitter) {
    this.submitter = submitter;
  }

  /** The authenticated user, or null before a successful AUTH. */
  Submitter submitter() {
    return submitter;
  }
}
