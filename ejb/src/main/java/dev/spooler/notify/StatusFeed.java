package dev.spooler.notify;

import dev.spooler.message.RecipientStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands each committed status change to the listening operators' consoles (the web module's SSE
 * streams, which cannot observe events fired in this jar). Only after commit, as ArrivalFeed.
 */
@ApplicationScoped
public class StatusFeed {

  private static final Logger LOG = Logger.getLogger(StatusFeed.class.getName());

  private final Set<Consumer<RecipientStatusChanged>> listeners = ConcurrentHashMap.newKeySet();

  /** Listens to every committed status change until the returned handle is closed. */
  public AutoCloseable listen(Consumer<RecipientStatusChanged> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecipientStatusChanged change) {
    for (Consumer<RecipientStatusChanged> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "status listener failed", e); // one broken console must not stop others
      }
    }
  }
}
