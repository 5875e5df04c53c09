package dev.spooler.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

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

  /** What a folder of a mailbox holds, newest first. */
  public List<FiledMessage> filed(String owner, String folder) {
    return em.createQuery(
            "select f from FiledMessage f join fetch f.message"
                + " where f.folder.mailbox.owner = :owner and f.folder.name = :folder"
                + " order by f.filedAt desc, f.id desc",
            FiledMessage.class)
        .setParameter("owner", owner)
        .setParameter("folder", folder)
        .getResultList();
  }
}
