package dev.spooler.transport;

import dev.spooler.message.OutboundMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A transport provider: hands messages to one messaging system (an SMTP relay, the local store, a
 * JMS destination). Implementations are CDI beans, discovered at deployment.
 *
 * <p>A provider must:
 *
 * <ul>
 *   <li>handle only the address types it declares in {@link #addressTypes()};
 *   <li>return an outcome for every recipient it was given, keyed by {@link
 *       EnvelopeRecipient#id()};
 *   <li>never throw for a failure of the remote system: report it as a transient or permanent
 *       outcome. An exception means a bug, and sends the dispatch back for redelivery;
 *   <li>be safe to call again with the same message after a crash (it may be re-sent; the
 *       Message-ID makes such a duplicate recognisable).
 * </ul>
 */
public interface TransportProvider {

  /** A short unique name, e.g. {@code smtp}. */
  String name();

  /** The MAPI address types this provider handles, e.g. {@code SMTP}. */
  Set<String> addressTypes();

  /** Sends {@code message} to {@code recipients}; one outcome per recipient id. */
  Map<Long, DeliveryOutcome> send(OutboundMessage message, List<EnvelopeRecipient> recipients);

  /**
   * Sends a batch of messages, in order, for at most {@code timeout}: the answers of the parcels
   * tried, in their order; a shorter list means that the parcels after it were never tried (the
   * batch's time was up), and they are sent later without counting an attempt. An empty answer
   * means a failed send. This default sends one parcel after the other through {@link #send}; a
   * provider that can do better (reuse a connection, pipeline) overrides it.
   */
  default List<Map<Long, DeliveryOutcome>> sendBatch(List<Parcel> parcels, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    List<Map<Long, DeliveryOutcome>> answers = new ArrayList<>();
    for (Parcel parcel : parcels) {
      if (!answers.isEmpty() && System.nanoTime() - end > 0) {
        break;
      }
      try {
        answers.add(send(parcel.message(), parcel.recipients()));
      } catch (RuntimeException e) {
        // One member's bug must not cost the others their send: it gets no outcome (deferred).
        Logger.getLogger(TransportProvider.class.getName())
            .log(Level.WARNING, e, () -> name() + " failed sending " + parcel.message().id());
        answers.add(Map.of());
      }
    }
    return answers;
  }

  /**
   * True when a send takes part in the caller's JTA transaction (it writes to this server's store
   * or broker), so that the spooler may deliver in the submit transaction itself. False for
   * anything that talks to the outside world.
   */
  default boolean deliversInTransaction() {
    return false;
  }

  /** Whether the messaging system answered lately. */
  default TransportHealth health() {
    return TransportHealth.unknown();
  }
}
