package dev.spooler.submit;

import java.util.List;

/** What became of a submission that came through a channel answering asynchronously (JMS). */
public sealed interface SubmissionOutcome {

  /** Stored and queued now. */
  record Taken(Accepted accepted) implements SubmissionOutcome {}

  /** Its idempotency key was seen before: nothing new was stored; this is the first acceptance. */
  record AlreadyTaken(Accepted first) implements SubmissionOutcome {}

  /** Refused; nothing was stored or queued. {@code tooLarge}: over a size limit (HTTP 413). */
  record Refused(List<Violation> violations, boolean tooLarge) implements SubmissionOutcome {
    public Refused {
      violations = List.copyOf(violations);
    }

    public Refused(List<Violation> violations) {
      this(violations, false);
    }
  }
}
