package dev.spooler.ops;

import dev.spooler.message.MessageRepository;
import dev.spooler.message.RecipientStatus;
import dev.spooler.retry.TransportCircuits;
import dev.spooler.transport.TransportProvider;
import dev.spooler.transport.TransportRegistry;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transport registry with each provider's health and counters. Counters are read from the
 * recipients' recorded state, so they are durable and the same on every node.
 */
@Stateless
public class TransportOverview {

  @Inject private TransportRegistry registry;
  @Inject private MessageRepository messages;
  @Inject private TransportCircuits circuits;

  public List<TransportStatus> transports() {
    Map<String, Long> counts = new HashMap<>();
    for (Object[] row : messages.recipientCountsByTransportAndStatus()) {
      counts.put(row[0] + "/" + row[1], (Long) row[2]);
    }
    return registry.providers().stream().map(p -> status(p, counts)).toList();
  }

  private TransportStatus status(TransportProvider provider, Map<String, Long> counts) {
    String name = provider.name();
    return new TransportStatus(
        name,
        provider.addressTypes().stream().sorted().toList(),
        registry.isEnabled(provider),
        provider.health(),
        circuits.of(name).state(),
        counts.getOrDefault(name + "/" + RecipientStatus.DELIVERED, 0L),
        counts.getOrDefault(name + "/" + RecipientStatus.DEFERRED, 0L),
        counts.getOrDefault(name + "/" + RecipientStatus.FAILED, 0L));
  }
}
