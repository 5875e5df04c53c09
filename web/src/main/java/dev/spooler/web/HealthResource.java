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
 * Readiness of the spooler: 200 when the database and the broker answer, 503 otherwise, in the
 * MicroProfile Health wire format so that the same probes configuration works for both endpoints.
 */
@Path("/health")
@RequestScoped
public class HealthResource {

  @EJB private HealthProbes probes;

  /** The MicroProfile Health response shape. */
  public record Health(ProbeResult.Status status, List<ProbeResult> checks) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response ready() {
    List<ProbeResult> checks = probes.readiness();
    boolean up = checks.stream().allMatch(ProbeResult::isUp);
    return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
        .entity(new Health(up ? ProbeResult.Status.UP : ProbeResult.Status.DOWN, checks))
        .build();
  }
}
