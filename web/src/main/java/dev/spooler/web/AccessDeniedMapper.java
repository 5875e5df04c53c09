package dev.spooler.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Someone else's mailbox, message or tracking: 403 with the reason. */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<AccessDeniedException> {

  @Override
  public Response toResponse(AccessDeniedException e) {
    return Problem.response(Response.Status.FORBIDDEN, "Forbidden", e.getMessage());
  }
}
