package dev.spooler.web;

import dev.spooler.security.Submitter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;

/**
 * The authenticated user of this request and what its roles let it see. web.xml has already refused
 * requests without the roles a path needs; this decides ownership.
 */
@RequestScoped
public class Caller {

  @Inject private HttpServletRequest request;

  /** The user's name; web.xml guarantees one on every path that asks. */
  public String name() {
    Principal principal = request.getUserPrincipal();
    if (principal == null) {
      throw new AccessDeniedException("no authenticated user");
    }
    return principal.getName();
  }

  public boolean isAdmin() {
    return request.isUserInRole("admin");
  }

  /** Operators see every message and its tracking; administrators see everything. */
  public boolean isOperator() {
    return request.isUserInRole("operator") || isAdmin();
  }

  /** The user as a submitter: administrators may send with any From. */
  public Submitter submitter() {
    return new Submitter(name(), isAdmin());
  }

  /**
   * The address of {@code child} under the requested resource, for a Location header. Read from the
   * servlet request, not JAX-RS's UriInfo, whose thread-bound proxy was seen failing
   * (RESTEASY003880) on a worker thread that had served an SSE stream.
   */
  public URI resource(String child) {
    return URI.create(request.getRequestURL().append('/').append(child).toString());
  }

  /** A user's mailbox is the one named like the user. */
  public void requireMailbox(String owner) {
    if (!isAdmin() && !name().equals(owner)) {
      throw new AccessDeniedException(
          "user '" + name() + "' may not open the mailbox of '" + owner + "'");
    }
  }
}
