package dev.spooler.management;

import dev.spooler.message.Recipient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The recipients in the queues, by filter. Joins the caller's transaction; opens none. */
@ApplicationScoped
public class QueueRepository {

  @PersistenceContext private EntityManager em;

  /** Recipients matching a filter of a recipient state (not the dead-letter queue). */
  public List<Recipient> matching(QueueFilter filter, Instant now, int offset, int limit) {
    return query("select r", filter, now, Recipient.class, " order by r.message.submittedAt, r.id")
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count(QueueFilter filter, Instant now) {
    return query("select count(r)", filter, now, Long.class, "").getSingleResult();
  }

  /** A message's recipients that are still in a queue (not final). */
  public List<Recipient> waiting(UUID messageId) {
    return em.createQuery(
            "select r from Recipient r where r.message.id = :id and r.status not in"
                + " (dev.spooler.message.RecipientStatus.DELIVERED,"
                + " dev.spooler.message.RecipientStatus.FAILED) order by r.position",
            Recipient.class)
        .setParameter("id", messageId)
        .getResultList();
  }

  private <T> TypedQuery<T> query(
      String select, QueueFilter filter, Instant now, Class<T> type, String order) {
    StringBuilder jpql =
        new StringBuilder(select).append(" from Recipient r where r.status = :status");
    if (filter.sender() != null) {
      jpql.append(
          " and (lower(r.message.sender) = :sender or lower(r.message.sender) like :typedSender)");
    }
    if (filter.recipient() != null) {
      jpql.append(" and (lower(r.address) = :recipient or lower(r.address) like :typedRecipient)");
    }
    if (filter.transport() != null) {
      jpql.append(" and r.transport = :transport");
    }
    if (filter.olderThan() != null) {
      jpql.append(" and r.message.submittedAt <= :acceptedBefore");
    }
    if (filter.messageIdHeader() != null) {
      jpql.append(" and r.message.messageIdHeader = :messageIdHeader");
    }
    if (filter.subject() != null) {
      jpql.append(" and lower(r.message.subject) like :subject escape '\\'");
    }
    if (filter.acceptedFrom() != null) {
      jpql.append(" and r.message.submittedAt >= :acceptedFrom");
    }
    if (filter.acceptedUntil() != null) {
      jpql.append(" and r.message.submittedAt < :acceptedUntil");
    }
    TypedQuery<T> q =
        em.createQuery(jpql.append(order).toString(), type)
            .setParameter("status", filter.state().status());
    if (filter.sender() != null) {
      String sender = filter.sender().toLowerCase(Locale.ROOT);
      q.setParameter("sender", sender).setParameter("typedSender", "%:" + sender);
    }
    if (filter.recipient() != null) {
      String recipient = filter.recipient().toLowerCase(Locale.ROOT);
      q.setParameter("recipient", recipient).setParameter("typedRecipient", "%:" + recipient);
    }
    if (filter.transport() != null) {
      q.setParameter("transport", filter.transport());
    }
    if (filter.olderThan() != null) {
      q.setParameter("acceptedBefore", now.minus(filter.olderThan()));
    }
    if (filter.messageIdHeader() != null) {
      q.setParameter("messageIdHeader", filter.messageIdHeader());
    }
    if (filter.subject() != null) {
      q.setParameter("subject", "%" + likeLiteral(filter.subject().toLowerCase(Locale.ROOT)) + "%");
    }
    if (filter.acceptedFrom() != null) {
      q.setParameter("acceptedFrom", filter.acceptedFrom());
    }
    if (filter.acceptedUntil() != null) {
      q.setParameter("acceptedUntil", filter.acceptedUntil());
    }
    return q;
  }

  /** The text as a LIKE pattern that matches it literally ({@code \} escapes). */
  private static String likeLiteral(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
