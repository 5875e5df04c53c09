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

/** The message hooks of this server in the order they run, with their settings. */
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
