package dev.spooler.tracking;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the tracking log for {@code spooler.tracking.retention} (default P30D). A non-persistent
 * timer: a purge missed while the server was down simply happens at the next one.
 */
@Singleton
public class TrackingRetention {

  private static final Logger LOG = Logger.getLogger(TrackingRetention.class.getName());

  @Inject
  @ConfigProperty(name = "spooler.tracking.retention", defaultValue = "P30D")
  Duration retention;

  @Inject private Clock clock;
  @PersistenceContext private EntityManager em;

  @Schedule(hour = "*", minute = "7", persistent = false)
  void purgeExpired() {
    int purged = purgeBefore(clock.instant().minus(retention));
    if (purged > 0) {
      LOG.info(() -> "purged " + purged + " tracking entries older than " + retention);
    }
  }

  /** Deletes entries older than {@code cutoff}; returns how many. One transaction per call. */
  public int purgeBefore(Instant cutoff) {
    return em.createQuery("delete from TrackingEntry t where t.at < :cutoff")
        .setParameter("cutoff", cutoff)
        .executeUpdate();
  }
}
