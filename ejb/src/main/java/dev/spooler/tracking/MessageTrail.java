package dev.spooler.tracking;

import dev.spooler.message.RecipientStatus;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Locale;

/** Reads the tracking log: a message's timeline, or recent entries for the console. */
@Stateless
public class MessageTrail {

  public static final int MAX_RESULTS = 1000;

  @PersistenceContext private EntityManager em;

  /** Entries matching the query, oldest first, at most {@code limit}. */
  public List<TrackingEvent> find(TrackingQuery query, int limit) {
    StringBuilder jpql = new StringBuilder("select t from TrackingEntry t where 1 = 1");
    if (query.messageId() != null) {
      jpql.append(" and t.messageId = :messageId");
    }
    if (!TrackingQuery.blank(query.messageIdHeader())) {
      jpql.append(" and t.messageIdHeader = :header");
    }
    if (!TrackingQuery.blank(query.sender())) {
      jpql.append(" and (lower(t.sender) = :sender or lower(t.sender) like :typedSender)");
    }
    if (!TrackingQuery.blank(query.recipient())) {
      jpql.append(
          " and (lower(t.recipient) = :recipient or lower(t.recipient) like :typedRecipient)");
    }
    jpql.append(" order by t.at, t.id");
    TypedQuery<TrackingEntry> q = em.createQuery(jpql.toString(), TrackingEntry.class);
    if (query.messageId() != null) {
      q.setParameter("messageId", query.messageId());
    }
    if (!TrackingQuery.blank(query.messageIdHeader())) {
      String header = query.messageIdHeader().strip();
      q.setParameter("header", header.startsWith("<") ? header : "<" + header + ">");
    }
    if (!TrackingQuery.blank(query.sender())) {
      String sender = query.sender().strip().toLowerCase(Locale.ROOT);
      q.setParameter("sender", sender).setParameter("typedSender", "%:" + sender);
    }
    if (!TrackingQuery.blank(query.recipient())) {
      String recipient = query.recipient().strip().toLowerCase(Locale.ROOT);
      q.setParameter("recipient", recipient).setParameter("typedRecipient", "%:" + recipient);
    }
    return q.setMaxResults(Math.min(Math.max(limit, 1), MAX_RESULTS))
        .getResultStream()
        .map(TrackingEntry::view)
        .toList();
  }

  /** The newest entries that reached one of these statuses, newest first. */
  public List<TrackingEvent> recent(List<RecipientStatus> statuses, int limit) {
    return em.createQuery(
            "select t from TrackingEntry t where t.status in :statuses and t.previous <> t.status"
                + " order by t.at desc, t.id desc",
            TrackingEntry.class)
        .setParameter("statuses", statuses)
        .setMaxResults(Math.min(Math.max(limit, 1), MAX_RESULTS))
        .getResultStream()
        .map(TrackingEntry::view)
        .toList();
  }
}
