package dev.spooler.hook;

import java.util.Map;
import java.util.Set;

/**
 * A pre- or post-processing step, as the MAPI spooler runs them around its transports. Hooks are
 * CDI beans; they run in the order of their class's {@code @Priority} (lowest first), in the
 * transaction of the stage that runs them. A hook that throws makes the stage roll back and retry
 * under the broker's redelivery rules; after the last attempt the message is dead-lettered with the
 * hook's name and the exception recorded.
 */
public interface MessageHook {

  /** A short, stable name, shown by {@code GET /api/hooks} and in rejections. */
  String name();

  Set<HookPhase> phases();

  /** Whether it runs at all (hooks are switched on and off by configuration). */
  default boolean enabled() {
    return true;
  }

  HookVerdict process(HookPhase phase, HookedMessage message);

  /** Its settings, for display; secrets must be masked here. */
  default Map<String, String> settings() {
    return Map.of();
  }
}
