package dev.spooler.web;

import dev.spooler.submit.AcceptOverloadedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Accepting is behind: 503 with {@code Retry-After} (RFC 9110 15.6.4), nothing stored. An answer,
 * not a loss: the client keeps its submission and sends it again.
 */
@Provider
public class AcceptOverloadedMapper implements ExceptionMapper<AcceptOverloadedException> {

  @Override
  public Response toResponse(AcceptOverloadedException e) {
    return Response.fromResponse(
            Problem.response(
                Problem.of(
                    Response.Status.SERVICE_UNAVAILABLE.getStatusCode(),
                    "Not accepting now",
                    e.getMessage() + "; nothing was stored, send it again later")))
        .header("Retry-After", e.retryAfterSeconds())
        .build();
  }
}
