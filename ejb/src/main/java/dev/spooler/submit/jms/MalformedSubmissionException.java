package dev.spooler.submit.jms;

import dev.spooler.submit.Violation;
import java.util.List;

/** A JMS message that cannot be read as a submission at all: wrong type, bad JSON, no envelope. */
public class MalformedSubmissionException extends Exception {

  private final transient List<Violation> violations;

  public MalformedSubmissionException(String reason) {
    this(reason, List.of());
  }

  /** With the fields that made it unreadable (a JSON field of the wrong type), when known. */
  public MalformedSubmissionException(String reason, List<Violation> violations) {
    super(reason);
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
