package dev.spooler.ops;

import dev.spooler.message.RecipientStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How much waits where: recipients per waiting state (from the store, so the same on every node)
 * and messages per broker queue (this node's broker).
 */
@Stateless
public class QueueDepths {

  /** What a waiting recipient's state is called in the queue views. */
  public static final Map<RecipientStatus, String> WAITING =
      Map.of(
          RecipientStatus.PENDING, "queued",
          RecipientStatus.DEFERRED, "deferred",
          RecipientStatus.HELD, "held");

  /** One broker queue; null where the broker did not say. */
  public record BrokerQueue(Long messages, Long scheduled, Long consumers) {}

  public record Depths(Map<String, Long> recipients, Map<String, BrokerQueue> queues) {}

  @PersistenceContext private EntityManager em;
  @Inject private BrokerQueues broker;

  public Depths depths() {
    return new Depths(recipients(), queues());
  }

  /** Waiting recipients per state: queued, deferred, held. */
  public Map<String, Long> recipients() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String state : List.of("queued", "deferred", "held")) {
      counts.put(state, 0L);
    }
    for (Object[] row :
        em.createQuery(
                "select r.status, count(r) from Recipient r where r.status in :waiting"
                    + " group by r.status",
                Object[].class)
            .setParameter("waiting", WAITING.keySet())
            .getResultList()) {
      counts.put(WAITING.get((RecipientStatus) row[0]), (Long) row[1]);
    }
    return counts;
  }

  private Map<String, BrokerQueue> queues() {
    Map<String, BrokerQueue> queues = new LinkedHashMap<>();
    for (String queue : BrokerQueues.QUEUES) {
      queues.put(
          queue,
          new BrokerQueue(
              boxed(broker.messages(queue)),
              boxed(broker.scheduled(queue)),
              boxed(broker.consumers(queue))));
    }
    return queues;
  }

  private static Long boxed(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }
}
