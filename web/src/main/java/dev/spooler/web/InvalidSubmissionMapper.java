package dev.spooler.web;

import dev.spooler.submit.InvalidSubmissionException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused submission: 400 with every violated field named. */
@Provider
public class InvalidSubmissionMapper implements ExceptionMapper<InvalidSubmissionException> {

  @Override
  public Response toResponse(InvalidSubmissionException e) {
    return Problem.response(
        new Problem(
            "about:blank",
            "Invalid submission",
            Response.Status.BAD_REQUEST.getStatusCode(),
            e.getMessage(),
            e.violations()));
  }
}
