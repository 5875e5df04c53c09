package dev.spooler.ops;

import dev.spooler.queue.SpoolQueues;
import dev.spooler.retry.TransportCircuit;
import dev.spooler.retry.TransportCircuits;
import dev.spooler.transport.TransportProvider;
import dev.spooler.transport.TransportRegistry;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Probes the spooler's dependencies for readiness. Served by the web module at /api/health rather
 * than as MicroProfile Health checks: WildFly does not register health checks that live in an EAR's
 * sub-deployments (WFLY-12835), so they would silently never run.
 */
@Stateless
public class HealthProbes {

  @PersistenceContext private EntityManager em;

  @Resource(lookup = "java:/ConnectionFactory")
  private ConnectionFactory connectionFactory;

  @Resource(lookup = SpoolQueues.SUBMITTED)
  private Queue submitted;

  @Inject private TransportRegistry registry;
  @Inject private TransportCircuits circuits;
  @Inject private BrokerQueues queues;

  /** The store and the broker answer: the spooler can accept messages. */
  public List<ProbeResult> serving() {
    return List.of(database(), broker());
  }

  /**
   * Readiness: the store, the broker, and each transport's circuit (an open circuit means its
   * messaging system is not answering; messages for it wait).
   */
  public List<ProbeResult> readiness() {
    List<ProbeResult> checks = new ArrayList<>(serving());
    for (TransportProvider provider : registry.providers()) {
      checks.add(circuit(provider.name()));
    }
    return checks;
  }

  /** Liveness: every stage listens on its queue (a stage whose MDB stopped has no consumer). */
  public List<ProbeResult> liveness() {
    return BrokerQueues.STAGE_QUEUES.stream().map(this::stage).toList();
  }

  ProbeResult circuit(String transport) {
    TransportCircuit.State state = circuits.of(transport).state();
    String name = "transport:" + transport;
    return state.open()
        ? ProbeResult.down(name, "circuit open since " + state.since())
        : ProbeResult.up(name);
  }

  ProbeResult stage(String queue) {
    String name = "stage:" + queue;
    OptionalLong consumers = queues.consumers(queue);
    if (consumers.isEmpty()) {
      return ProbeResult.down(name, "the broker does not know " + queue);
    }
    return consumers.getAsLong() > 0
        ? ProbeResult.up(name)
        : ProbeResult.down(name, "no consumer on " + queue);
  }

  /** Up when the message store answers a query. */
  ProbeResult database() {
    try {
      em.createQuery("select count(m) from Message m where 1 = 0", Long.class).getSingleResult();
      return ProbeResult.up("database");
    } catch (PersistenceException e) {
      return ProbeResult.down("database", e);
    }
  }

  /** Up when the broker accepts a connection and the submitted queue can be browsed. */
  ProbeResult broker() {
    try (JMSContext jms = connectionFactory.createContext();
        QueueBrowser browser = jms.createBrowser(submitted)) {
      browser.getEnumeration(); // a round trip to the broker, without reading the backlog
      return ProbeResult.up("broker");
    } catch (JMSRuntimeException | JMSException e) {
      return ProbeResult.down("broker", e);
    }
  }
}
