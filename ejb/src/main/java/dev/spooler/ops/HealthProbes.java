package dev.spooler.ops;

import dev.spooler.queue.SpoolQueues;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.List;

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

  /** Every readiness probe, in a fixed order. */
  public List<ProbeResult> readiness() {
    return List.of(database(), broker());
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
