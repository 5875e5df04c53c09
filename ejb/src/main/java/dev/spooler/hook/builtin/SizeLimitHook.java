package dev.spooler.hook.builtin;

import dev.spooler.hook.HookPhase;
import dev.spooler.hook.HookVerdict;
import dev.spooler.hook.HookedMessage;
import dev.spooler.hook.MessageHook;
import dev.spooler.message.MessageLimits;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a message whose MIME form exceeds {@code spooler.limits.max-message-size} bytes (the
 * submit endpoints refuse an over-large body earlier, with 413). Checked after the hooks that add
 * content run, so it counts what would be sent.
 */
@ApplicationScoped
@Priority(800)
public class SizeLimitHook implements MessageHook {

  @Inject
  @ConfigProperty(name = "spooler.hooks.size-limit.enabled", defaultValue = "true")
  boolean enabled;

  @Inject MessageLimits limits;

  @Override
  public String name() {
    return "size-limit";
  }

  @Override
  public Set<HookPhase> phases() {
    return Set.of(HookPhase.PRE_PROCESS);
  }

  @Override
  public boolean enabled() {
    return enabled;
  }

  @Override
  public HookVerdict process(HookPhase phase, HookedMessage message) {
    int size = message.bytes().length;
    long maxBytes = limits.maxMessageBytes();
    return size > maxBytes
        ? HookVerdict.reject(
            "message size " + size + " bytes exceeds the limit of " + maxBytes + " bytes")
        : HookVerdict.proceed();
  }

  @Override
  public Map<String, String> settings() {
    return Map.of("max-message-size", Long.toString(limits.maxMessageBytes()));
  }
}
