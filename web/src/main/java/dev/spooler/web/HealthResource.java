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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The spooler's health, 200 when every check is up and 503 otherwise, in the MicroProfile Health
 * wire format so that the same probe configuration works for the server's own endpoints.
 */
@Tag(name = "health")
@Path("/health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  @EJB private HealthProbes probes;

  /** The MicroProfile Health response shape. */
  public record Health(ProbeResult.Status status, List<ProbeResult> checks) {}

  /** Serving: the database and the broker answer, so messages are accepted. */
  @Operation(operationId = "health", summary = "Is the spooler serving")
  @APIResponse(
      responseCode = "200",
      description = "Every check is up",
      content = @Content(schema = @Schema(implementation = HealthResource.Health.class)))
  @APIResponse(
      responseCode = "503",
      description = "A check is down",
      content = @Content(schema = @Schema(implementation = HealthResource.Health.class)))
  @SecurityRequirements
  @GET
  public Response serving() {
    return answer(probes.serving());
  }

  /** Readiness: serving, and no transport's circuit is open. */
  @Operation(operationId = "readiness", summary = "Is the spooler ready")
  @APIResponse(
      responseCode = "200",
      description = "Every check is up",
      content = @Content(schema = @Schema(implementation = HealthResource.Health.class)))
  @APIResponse(
      responseCode = "503",
      description = "A check is down",
      content = @Content(schema = @Schema(implementation = HealthResource.Health.class)))
  @SecurityRequirements
  @GET
  @Path("/ready")
  public Response ready() {
    return answer(probes.readiness());
  }

  /** Liveness: every stage consumes its queue. */
  @Operation(operationId = "liveness", summary = "Is the spooler alive")
  @APIResponse(
      responseCode = "200",
      description = "Every check is up",
      content = @Content(schema = @Schema(implementation = HealthResource.Health.class)))
  @APIResponse(
      responseCode = "503",
      description = "A check is down",
      content = @Content(schema = @Schema(implementation = HealthResource.Health.class)))
  @SecurityRequirements
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
