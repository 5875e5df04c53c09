package dev.spooler.web;

import dev.spooler.ops.TransportOverview;
import dev.spooler.ops.TransportStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The transport registry: which provider handles which address types, its health and counters. */
@Tag(name = "operations")
@Path("/transports")
@RequestScoped
public class TransportsResource {

  @EJB private TransportOverview overview;

  @Operation(operationId = "listTransports", summary = "List the transports")
  @APIResponse(
      responseCode = "200",
      description = "Each transport with its circuit, health and counters",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = TransportStatus.class)))
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<TransportStatus> transports() {
    return overview.transports();
  }
}
