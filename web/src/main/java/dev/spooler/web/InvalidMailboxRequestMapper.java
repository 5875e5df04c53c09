package dev.spooler.web;

import dev.spooler.mailbox.InvalidMailboxRequestException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A mailbox request that cannot be carried out: 400 with the reason. */
@Provider
public class InvalidMailboxRequestMapper
    implements ExceptionMapper<InvalidMailboxRequestException> {

  @Override
  public Response toResponse(InvalidMailboxRequestException e) {
    return Problem.response(Response.Status.BAD_REQUEST, "Invalid mailbox request", e.getMessage());
  }
}
