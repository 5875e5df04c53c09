package dev.spooler.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Every request under {@code /api/mailboxes/{owner}} (folders, messages, attachments, the live
 * event stream) is the owner's or an administrator's, checked once here for all of them.
 */
@Provider
@OwnerOnly
public class MailboxOwnerFilter implements ContainerRequestFilter {

  @Inject private Caller caller;

  @Override
  public void filter(ContainerRequestContext request) {
    String owner = request.getUriInfo().getPathParameters().getFirst("owner");
    try {
      caller.requireMailbox(owner);
    } catch (AccessDeniedException e) {
      request.abortWith(Problem.response(Response.Status.FORBIDDEN, "Forbidden", e.getMessage()));
    }
  }
}
