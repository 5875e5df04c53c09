package dev.spooler.transport;

import dev.spooler.message.OutboundMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
