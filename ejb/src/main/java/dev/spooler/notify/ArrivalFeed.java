package dev.spooler.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands each committed arrival to the clients listening on its mailbox (the SSE streams). Only
 * after commit: a client must never see a message that a rollback takes away again.
 */
@ApplicationScoped
public class ArrivalFeed {

  private static final Logger LOG = Logger.getLogger(ArrivalFeed.class.getName());

  private final Map<String, Set<Consumer<MessageArrived>>> listeners = new ConcurrentHashMap<>();

  /** Listens to a mailbox's arrivals until the returned handle is closed. */
  public AutoCloseable listen(String mailbox, Consumer<MessageArrived> listener) {
    listeners.computeIfAbsent(mailbox, m -> ConcurrentHashMap.newKeySet()).add(listener);
    return () -> listeners.getOrDefault(mailbox, Set.of()).remove(listener);
  }

  void arrived(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessageArrived arrival) {
    for (Consumer<MessageArrived> listener : listeners.getOrDefault(arrival.mailbox(), Set.of())) {
      try {
        listener.accept(arrival);
      } catch (RuntimeException e) {
        // one broken client must not keep the others from their events
        LOG.log(Level.FINE, "arrival listener failed", e);
      }
    }
  }
}
