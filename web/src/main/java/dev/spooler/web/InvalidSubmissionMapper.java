package dev.spooler.web;

import dev.spooler.submit.InvalidSubmissionException;
import dev.spooler.submit.MessageTooLargeException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused submission: 400 with every violated field named, 413 when it is too large. */
@Provider
public class InvalidSubmissionMapper implements ExceptionMapper<InvalidSubmissionException> {

  @Override
  public Response toResponse(InvalidSubmissionException e) {
    boolean tooLarge = e instanceof MessageTooLargeException;
    return Problem.response(
        new Problem(
            "about:blank",
            tooLarge ? "Message too large" : "Invalid submission",
            tooLarge
                ? Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode()
                : Response.Status.BAD_REQUEST.getStatusCode(),
            e.getMessage(),
            e.violations()));
  }
}
