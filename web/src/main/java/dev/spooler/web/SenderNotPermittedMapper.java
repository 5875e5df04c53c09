package dev.spooler.web;

import dev.spooler.security.SenderNotPermittedException;
import dev.spooler.submit.Violation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** A From the user may not send as: 403, naming the field. Nothing was stored. */
@Provider
public class SenderNotPermittedMapper implements ExceptionMapper<SenderNotPermittedException> {

  @Override
  public Response toResponse(SenderNotPermittedException e) {
    return Problem.response(
        new Problem(
            "about:blank",
            "Sender not permitted",
            Response.Status.FORBIDDEN.getStatusCode(),
            e.getMessage(),
            List.of(new Violation("from", e.getMessage()))));
  }
}
