package dev.spooler.web;

import dev.spooler.inbound.InboundAccountLog;
import dev.spooler.inbound.InboundAccountStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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

/** The inbound accounts this node polls, and how their polls went. */
@Tag(name = "operations")
@Path("/inbound/accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InboundResource {

  @Inject private InboundAccountLog log;

  @Operation(operationId = "listInboundAccounts", summary = "List the inbound accounts")
  @APIResponse(
      responseCode = "200",
      description = "Last poll, last success, last error, messages fetched; never a password",
      content =
          @Content(
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = InboundAccountStatus.class)))
  @GET
  public List<InboundAccountStatus> accounts() {
    return log.accounts();
  }
}
