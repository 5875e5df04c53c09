package dev.spooler.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Every request under {@code /api/mailboxes/{owner}} (folders, messages, attachments, the live
 * event stream) is the owner's or an administrator's, checked once here for all of them.
 */
@Provider
public class MailboxOwnerFilter implements ContainerRequestFilter {

  @Context private ResourceInfo resource;
  @Inject private Caller caller;

  @Override
  public void filter(ContainerRequestContext request) {
    if (resource.getResourceClass() == null
        || !MailboxesResource.class.isAssignableFrom(resource.getResourceClass())) {
      return;
    }
    String owner = request.getUriInfo().getPathParameters().getFirst("owner");
    try {
      caller.requireMailbox(owner);
    } catch (AccessDeniedException e) {
      request.abortWith(Problem.response(Response.Status.FORBIDDEN, "Forbidden", e.getMessage()));
    }
  }
}
