package dev.spooler.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A folder of a mailbox (Inbox, Sent Items, …). */
@Entity
@Table(
    name = "spool_folder",
    uniqueConstraints = @UniqueConstraint(columnNames = {"mailbox_id", "name"}))
public class Folder {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "spool_folder_seq")
  @SequenceGenerator(name = "spool_folder_seq", allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "mailbox_id")
  private Mailbox mailbox;

  @Column(nullable = false, length = 100)
  private String name;

  protected Folder() {}

  Folder(Mailbox mailbox, String name) {
    this.mailbox = mailbox;
    this.name = name;
  }

  public Long id() {
    return id;
  }

  public Mailbox mailbox() {
    return mailbox;
  }

  public String name() {
    return name;
  }
}
