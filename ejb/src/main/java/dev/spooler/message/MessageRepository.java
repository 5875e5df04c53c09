package dev.spooler.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Messages and recipients in the store. Joins the caller's transaction; opens none. */
@ApplicationScoped
public class MessageRepository {

  @PersistenceContext private EntityManager em;

  public void store(Message message) {
    em.persist(message);
  }

  /** A recipient added to a stored message (by a hook), so that it has its id at once. */
  public void store(Recipient recipient) {
    em.persist(recipient);
  }

  public Optional<Message> find(UUID id) {
    return Optional.ofNullable(em.find(Message.class, id));
  }

  /** The message with its recipients, in one query instead of two. */
  public Optional<Message> findWithRecipients(UUID id) {
    return em
        .createQuery(
            "select m from Message m left join fetch m.recipients where m.id = :id", Message.class)
        .setParameter("id", id)
        .getResultList()
        .stream()
        .findFirst();
  }

  /** How many recipients each transport holds in each status. */
  public List<Object[]> recipientCountsByTransportAndStatus() {
    return em.createQuery(
            "select r.transport, r.status, count(r) from Recipient r"
                + " where r.transport is not null group by r.transport, r.status",
            Object[].class)
        .getResultList();
  }

  /**
   * The given recipients of a message, locked until the transaction ends: a dispatch holds them
   * while it sends, so that nothing else (the sweep for stranded recipients, which locks them too)
   * hands them to another dispatch meanwhile. Read afresh, after any transaction that held them.
   * All the message's recipients are locked and the others dropped here: a query with an {@code IN}
   * list is translated afresh by Hibernate on every call (~10% of the CPU under load).
   */
  public List<Recipient> lockRecipients(UUID messageId, Collection<Long> recipientIds) {
    Set<Long> wanted = Set.copyOf(recipientIds);
    return em
        .createQuery(
            "select r from Recipient r where r.message.id = :message order by r.position",
            Recipient.class)
        .setParameter("message", messageId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .stream()
        .filter(r -> wanted.contains(r.id()))
        .toList();
  }

  /**
   * Messages with a recipient still waiting for a stage message that was due before {@code cutoff},
   * oldest first; not those a stage gave up on (dead letters wait for the operator).
   */
  public List<UUID> messagesWaitingSince(Instant cutoff, int max) {
    // Driven by the recipients' status index: the waiting are few, the messages all there are.
    return em.createQuery(
            "select m.id from Recipient r join r.message m"
                + " where r.status in (:pending, :deferred)"
                + " and coalesce(r.dueAt, m.deferredUntil, m.submittedAt) < :cutoff"
                + " and not exists (select d.id from DeadLetter d where d.messageId = m.id)"
                + " group by m.id, m.submittedAt order by m.submittedAt",
            UUID.class)
        .setParameter("pending", RecipientStatus.PENDING)
        .setParameter("deferred", RecipientStatus.DEFERRED)
        .setParameter("cutoff", cutoff)
        .setMaxResults(max)
        .getResultList();
  }

  /**
   * Messages with a recipient of {@code transport} deferred past {@code now} with one of these
   * status codes, highest priority first, then oldest; not those a stage gave up on.
   */
  public List<UUID> messagesDeferredOn(
      String transport, Collection<String> statusCodes, Instant now, int max) {
    // Driven by the (transport, status) index: the deferred are few, the messages all there are.
    return em.createQuery(
            "select m.id from Recipient r join r.message m"
                + " where r.transport = :transport and r.status = :deferred"
                + " and r.statusCode in :codes and r.dueAt > :now"
                + " and not exists (select d.id from DeadLetter d where d.messageId = m.id)"
                + " group by m.id, m.priority, m.submittedAt"
                + " order by case m.priority when :urgent then 0 when :normal then 1 else 2 end,"
                + " m.submittedAt",
            UUID.class)
        .setParameter("transport", transport)
        .setParameter("deferred", RecipientStatus.DEFERRED)
        .setParameter("codes", statusCodes)
        .setParameter("now", now)
        .setParameter("urgent", Priority.URGENT)
        .setParameter("normal", Priority.NORMAL)
        .setMaxResults(max)
        .getResultList();
  }

  /** The recipients of a message that may be sent to (pending or deferred), locked as above. */
  public List<Recipient> lockSendableRecipients(UUID messageId) {
    return em.createQuery(
            "select r from Recipient r where r.message.id = :message"
                + " and r.status in (:pending, :deferred) order by r.position",
            Recipient.class)
        .setParameter("message", messageId)
        .setParameter("pending", RecipientStatus.PENDING)
        .setParameter("deferred", RecipientStatus.DEFERRED)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  public void store(InboundReceipt receipt) {
    em.persist(receipt);
  }

  /** The receipt of a message already fetched from this account under this key, if any. */
  public Optional<InboundReceipt> receipt(String account, String messageKey) {
    return em.createQuery(
            "select r from InboundReceipt r where r.account = :account and r.messageKey = :key",
            InboundReceipt.class)
        .setParameter("account", account)
        .setParameter("key", messageKey)
        .getResultStream()
        .findFirst();
  }

  public void store(DeadLetter deadLetter) {
    em.persist(deadLetter);
  }

  /** Why stages gave up on a message, oldest first. */
  public List<DeadLetter> deadLetters(UUID messageId) {
    return em.createQuery(
            "select d from DeadLetter d where d.messageId = :id order by d.deadAt",
            DeadLetter.class)
        .setParameter("id", messageId)
        .getResultList();
  }

  public void store(RejectedArrival rejected) {
    em.persist(rejected);
  }

  /** Where post-processing hooks refused a message, oldest first. */
  public List<RejectedArrival> rejections(UUID messageId) {
    return em.createQuery(
            "select r from RejectedArrival r where r.messageId = :id order by r.rejectedAt",
            RejectedArrival.class)
        .setParameter("id", messageId)
        .getResultList();
  }

  /**
   * Locks the message row until the transaction ends, so that transactions deciding something for
   * the whole message (are all recipients final now?) take turns and each sees the others' commits.
   */
  public void lock(Message message) {
    em.lock(message, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * How many recipients are not final, read from the database, not from this transaction's cache.
   */
  public long unfinishedRecipients(UUID messageId) {
    return em.createQuery(
            "select count(r) from Recipient r where r.message.id = :id"
                + " and r.status not in (:delivered, :failed)",
            Long.class)
        .setParameter("id", messageId)
        .setParameter("delivered", RecipientStatus.DELIVERED)
        .setParameter("failed", RecipientStatus.FAILED)
        .getSingleResult();
  }
}
