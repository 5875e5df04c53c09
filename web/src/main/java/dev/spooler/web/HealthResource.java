package dev.spooler.web;

import dev.spooler.ops.HealthProbes;
import dev.spooler.ops.ProbeResult;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The spooler's health, 200 when every check is up and 503 otherwise, in the MicroProfile Health
 * wire format so that the same probe configuration works for the server's own endpoints.
 */
@Path("/health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  @EJB private HealthProbes probes;

  /** The MicroProfile Health response shape. */
  public record Health(ProbeResult.Status status, List<ProbeResult> checks) {}

  /** Serving: the database and the broker answer, so messages are accepted. */
  @GET
  public Response serving() {
    return answer(probes.serving());
  }

  /** Readiness: serving, and no transport's circuit is open. */
  @GET
  @Path("/ready")
  public Response ready() {
    return answer(probes.readiness());
  }

  /** Liveness: every stage consumes its queue. */
  @GET
  @Path("/live")
  public Response live() {
    return answer(probes.liveness());
  }

  private static Response answer(List<ProbeResult> checks) {
    boolean up = checks.stream().allMatch(ProbeResult::isUp);
    return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
        .entity(new Health(up ? ProbeResult.Status.UP : ProbeResult.Status.DOWN, checks))
        .build();
  }
}
