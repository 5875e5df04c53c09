package dev.spooler.web;

import dev.spooler.security.SenderGrants;
import dev.spooler.security.SenderPattern;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Administration of sender rights: which From addresses a user may submit with, besides its own
 * {@code LOCAL:name}. {@code /api/admin/*} is the administrator's (web.xml).
 */
@Tag(name = "administration")
@Path("/admin/senders/{principal}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SendersResource {

  private static final Jsonb JSON = JsonbBuilder.create();

  /** A grant to add: {@code {"pattern": "*@example.org"}}. */
  public record NewGrant(String pattern) {}

  @EJB private SenderGrants grants;

  @PathParam("principal")
  private String principal;

  @Operation(operationId = "listSenderGrants", summary = "List a user's sender grants")
  @APIResponse(
      responseCode = "200",
      description = "The grants",
      content = @Content(schema = @Schema(implementation = SenderGrants.Grants.class)))
  @GET
  public Response list() {
    return Response.ok(grants.of(principal)).build();
  }

  @Operation(operationId = "grantSender", summary = "Grant a user a From pattern")
  @APIResponse(
      responseCode = "200",
      description = "The grants now",
      content = @Content(schema = @Schema(implementation = SenderGrants.Grants.class)))
  @APIResponse(responseCode = "400", ref = SpoolerApi.BAD_REQUEST)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NewGrant.class)))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response grant(String json) {
    try {
      NewGrant grant = JSON.fromJson(json, NewGrant.class);
      return Response.ok(grants.grant(principal, SenderPattern.parse(grant.pattern()))).build();
    } catch (JsonbException | IllegalArgumentException e) {
      return Problem.response(
          Response.Status.BAD_REQUEST,
          "Invalid grant",
          "expected {\"pattern\": \"*\" | \"*@domain\" | \"address\"}: " + e.getMessage());
    }
  }

  @Operation(operationId = "revokeSender", summary = "Revoke a sender grant")
  @APIResponse(responseCode = "204", description = "Revoked")
  @APIResponse(responseCode = "400", ref = SpoolerApi.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @DELETE
  public Response revoke(@QueryParam("pattern") String pattern) {
    SenderPattern revoked;
    try {
      revoked = SenderPattern.parse(pattern);
    } catch (IllegalArgumentException e) {
      return Problem.response(Response.Status.BAD_REQUEST, "Invalid pattern", e.getMessage());
    }
    return grants.revoke(principal, revoked)
        ? Response.noContent().build()
        : Problem.response(
            Response.Status.NOT_FOUND,
            "No such grant",
            "'" + principal + "' has no grant " + pattern);
  }
}
