package dev.spooler.submit;

import jakarta.ejb.ApplicationException;
import java.util.List;
import java.util.stream.Collectors;

/** A submission the spooler refuses; nothing of it was stored or queued. */
@ApplicationException(rollback = true)
public class InvalidSubmissionException extends RuntimeException {

  private final List<Violation> violations;

  public InvalidSubmissionException(List<Violation> violations) {
    super(
        violations.stream()
            .map(v -> v.field() + ": " + v.reason())
            .collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
