package dev.spooler.web;

import dev.spooler.hook.HookChain;
import dev.spooler.hook.HookPhase;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The message hooks of this server in the order they run, with their settings. */
@Tag(name = "operations")
@Path("/hooks")
@RequestScoped
public class HooksResource {

  /** One hook as listed. */
  public record HookView(
      String name,
      int priority,
      Set<HookPhase> phases,
      boolean enabled,
      Map<String, String> settings) {}

  @Inject private HookChain hooks;

  @Operation(operationId = "listHooks", summary = "List the message hooks")
  @APIResponse(
      responseCode = "200",
      description = "In the order they run",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = HookView.class)))
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<HookView> list() {
    return hooks.all().stream()
        .map(
            r ->
                new HookView(
                    r.hook().name(),
                    r.priority(),
                    r.hook().phases(),
                    r.hook().enabled(),
                    r.hook().settings()))
        .toList();
  }
}
