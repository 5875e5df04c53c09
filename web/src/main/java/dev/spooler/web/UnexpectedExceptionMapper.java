package dev.spooler.web;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort: any exception no other mapper takes becomes a 500 problem whose detail is only
 * an incident id, logged with the stack trace, so that nothing of the server's insides reaches the
 * client. An EJB refusing the caller is a 403.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof EJBAccessException) {
      return Problem.response(Problem.of(403, "Forbidden", "not allowed for this user"));
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "unexpected failure answering a REST request, incident " + incident, e);
    return Problem.response(
        Problem.of(
            500, "Internal Server Error", "unexpected failure, logged as incident " + incident));
  }
}
