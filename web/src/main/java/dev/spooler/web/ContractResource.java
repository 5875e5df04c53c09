package dev.spooler.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The JMS contract as an AsyncAPI document, kept beside the code it describes. Its server and
 * contact name the host and port the document was asked on, as a client reaches this server.
 */
@Tag(name = "contracts")
@Path("/asyncapi.yaml")
@RequestScoped
public class ContractResource {

  static final String YAML = "application/yaml";

  @Operation(operationId = "asyncApi", summary = "Read the JMS contract (AsyncAPI)")
  @APIResponse(
      responseCode = "200",
      description = "The AsyncAPI document",
      content =
          @Content(mediaType = "application/yaml", schema = @Schema(implementation = String.class)))
  @SecurityRequirements
  @GET
  @Produces(YAML)
  public Response asyncApi(@Context UriInfo request) {
    URI base = request.getBaseUri();
    int port = base.getPort() > 0 ? base.getPort() : 80;
    String document =
        stored()
            .replace("localhost:8080", base.getHost() + ":" + port)
            .replace("default: localhost", "default: " + base.getHost())
            .replace("default: '8080'", "default: '" + port + "'");
    return Response.ok(document, YAML).build();
  }

  private static String stored() {
    try (InputStream document = ContractResource.class.getResourceAsStream("asyncapi.yaml")) {
      if (document == null) {
        throw new IllegalStateException("asyncapi.yaml is missing from the web module");
      }
      return new String(document.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
