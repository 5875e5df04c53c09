package dev.spooler.message;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A local user's mailbox in the message store, with the MAPI default folders. */
@Entity
@Table(name = "spool_mailbox")
public class Mailbox {

  public static final String INBOX = "Inbox";
  public static final String OUTBOX = "Outbox";
  public static final String SENT_ITEMS = "Sent Items";
  public static final String DELETED_ITEMS = "Deleted Items";

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "spool_mailbox_seq")
  @SequenceGenerator(name = "spool_mailbox_seq", allocationSize = 10)
  private Long id;

  /** The owner's local name, lower case: {@code LOCAL:Bob} is mailbox {@code bob}. */
  @Column(nullable = false, unique = true, length = 64)
  private String owner;

  @OneToMany(mappedBy = "mailbox", cascade = CascadeType.PERSIST)
  @OrderBy("id")
  private List<Folder> folders = new ArrayList<>();

  protected Mailbox() {}

  public Mailbox(String owner) {
    this.owner = owner;
    for (String name : List.of(INBOX, OUTBOX, SENT_ITEMS, DELETED_ITEMS)) {
      folders.add(new Folder(this, name));
    }
  }

  /** The folders, the MAPI default ones first. */
  public List<Folder> folders() {
    return Collections.unmodifiableList(folders);
  }

  /** Adds a folder of the owner's own. */
  public Folder addFolder(String name) {
    Folder folder = new Folder(this, name);
    folders.add(folder);
    return folder;
  }

  public Optional<Folder> folder(String name) {
    return folders.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public Long id() {
    return id;
  }

  public String owner() {
    return owner;
  }
}
