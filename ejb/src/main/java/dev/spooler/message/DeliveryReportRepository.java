package dev.spooler.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Report records in the store. Joins the caller's transaction; opens none. */
@ApplicationScoped
public class DeliveryReportRepository {

  @PersistenceContext private EntityManager em;

  public void store(DeliveryReport report) {
    em.persist(report);
  }

  /** The reports about a message, oldest first. */
  public List<DeliveryReport> about(UUID originalMessageId) {
    return em.createQuery(
            "select r from DeliveryReport r where r.originalMessageId = :id order by r.createdAt",
            DeliveryReport.class)
        .setParameter("id", originalMessageId)
        .getResultList();
  }

  /** The record of the report carried by the given message. */
  public Optional<DeliveryReport> carriedBy(UUID reportMessageId) {
    return em.createQuery(
            "select r from DeliveryReport r where r.reportMessageId = :id", DeliveryReport.class)
        .setParameter("id", reportMessageId)
        .getResultStream()
        .findFirst();
  }
}
