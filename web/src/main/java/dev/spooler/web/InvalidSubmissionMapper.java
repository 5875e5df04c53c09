package dev.spooler.web;

import dev.spooler.submit.InvalidSubmissionException;
import dev.spooler.submit.MessageTooLargeException;
import dev.spooler.submit.SubmissionJson;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A refused submission: 400 with every violated field named ("Malformed JSON" when the body as a
 * whole is unreadable), 413 when it is too large.
 */
@Provider
public class InvalidSubmissionMapper implements ExceptionMapper<InvalidSubmissionException> {

  @Override
  public Response toResponse(InvalidSubmissionException e) {
    boolean tooLarge = e instanceof MessageTooLargeException;
    return Problem.response(
        new Problem(
            "about:blank",
            tooLarge ? "Message too large" : title(e),
            tooLarge
                ? Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode()
                : Response.Status.BAD_REQUEST.getStatusCode(),
            e.getMessage(),
            e.violations()));
  }

  /** The body as a whole unreadable (not JSON, not an object) or some fields wrong. */
  static String title(InvalidSubmissionException e) {
    boolean wholeBody =
        e.violations().stream().allMatch(v -> SubmissionJson.DOCUMENT.equals(v.field()));
    return wholeBody ? JsonbExceptionMapper.TITLE : "Invalid submission";
  }
}
