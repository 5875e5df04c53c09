package dev.spooler.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Mailboxes, their folders and what is filed in them. Joins the caller's transaction. */
@ApplicationScoped
public class MailboxRepository {

  @PersistenceContext private EntityManager em;

  public Optional<Mailbox> find(String owner) {
    return em.createQuery("select m from Mailbox m where m.owner = :owner", Mailbox.class)
        .setParameter("owner", owner)
        .getResultStream()
        .findFirst();
  }

  public Mailbox create(String owner) {
    Mailbox mailbox = new Mailbox(owner);
    em.persist(mailbox);
    return mailbox;
  }

  public void file(FiledMessage filed) {
    em.persist(filed);
  }

  public void remove(FiledMessage filed) {
    em.remove(filed);
  }

  public void store(Folder folder) {
    em.persist(folder);
  }

  /** What a folder of a mailbox holds, newest first. */
  public List<FiledMessage> filed(String owner, String folder) {
    return filed(owner, folder, 0, Integer.MAX_VALUE);
  }

  /** One page of what a folder holds, newest first. */
  public List<FiledMessage> filed(String owner, String folder, int offset, int limit) {
    return em.createQuery(
            "select f from FiledMessage f join fetch f.message"
                + " where f.folder.mailbox.owner = :owner and f.folder.name = :folder"
                + " order by f.filedAt desc, f.id desc",
            FiledMessage.class)
        .setParameter("owner", owner)
        .setParameter("folder", folder)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Per folder of the mailbox: name, messages, unread messages. */
  public List<Object[]> folderCounts(String owner) {
    return em.createQuery(
            "select fo.name, count(f), sum(case when f.read = false then 1 else 0 end)"
                + " from Folder fo left join FiledMessage f on f.folder = fo"
                + " where fo.mailbox.owner = :owner group by fo.id, fo.name order by fo.id",
            Object[].class)
        .setParameter("owner", owner)
        .getResultList();
  }

  /** A filed message, only if it is in the given owner's mailbox. */
  public Optional<FiledMessage> entry(String owner, long id) {
    return em.createQuery(
            "select f from FiledMessage f join fetch f.message join fetch f.folder"
                + " where f.id = :id and f.folder.mailbox.owner = :owner",
            FiledMessage.class)
        .setParameter("id", id)
        .setParameter("owner", owner)
        .getResultStream()
        .findFirst();
  }

  /** Where a message is filed in a mailbox's folder, if it is. */
  public Optional<FiledMessage> entry(String owner, String folder, UUID messageId) {
    return em.createQuery(
            "select f from FiledMessage f where f.message.id = :message"
                + " and f.folder.mailbox.owner = :owner and f.folder.name = :folder",
            FiledMessage.class)
        .setParameter("message", messageId)
        .setParameter("owner", owner)
        .setParameter("folder", folder)
        .getResultStream()
        .findFirst();
  }

  /** Whether this message already arrived in this mailbox (a redelivered filing). */
  public boolean hasArrived(String owner, UUID messageId) {
    return !em.createQuery(
            "select f.id from FiledMessage f where f.message.id = :message"
                + " and f.folder.mailbox.owner = :owner and f.arrival = true",
            Long.class)
        .setParameter("message", messageId)
        .setParameter("owner", owner)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /**
   * Arrivals in a mailbox after the given entry id, oldest first: what a reconnecting client
   * missed.
   */
  public List<FiledMessage> arrivalsAfter(String owner, long lastSeenId, int limit) {
    return em.createQuery(
            "select f from FiledMessage f join fetch f.message join fetch f.folder"
                + " where f.folder.mailbox.owner = :owner and f.arrival = true and f.id > :last"
                + " order by f.id",
            FiledMessage.class)
        .setParameter("owner", owner)
        .setParameter("last", lastSeenId)
        .setMaxResults(limit)
        .getResultList();
  }
}
