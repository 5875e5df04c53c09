package dev.spooler.submit;

import jakarta.ejb.ApplicationException;
import java.util.List;

/** A submission over the size limit: refused as a whole (HTTP 413), nothing stored. */
@ApplicationException(rollback = true)
public class MessageTooLargeException extends InvalidSubmissionException {

  public MessageTooLargeException(String reason) {
    this("body", reason);
  }

  /** Too large in {@code field} (the body, or the document as a whole). */
  public MessageTooLargeException(String field, String reason) {
    super(List.of(new Violation(field, reason)));
  }
}
