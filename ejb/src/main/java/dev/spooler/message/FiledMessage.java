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
import java.time.Instant;

/**
 * A message filed in a folder. The content is not copied: it is the stored {@link Message}, once,
 * however many local mailboxes hold it.
 */
@Entity
@Table(name = "spool_filed_message")
public class FiledMessage {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "spool_filed_message_seq")
  @SequenceGenerator(name = "spool_filed_message_seq", allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "folder_id")
  private Folder folder;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "message_id")
  private Message message;

  @Column(name = "is_read", nullable = false)
  private boolean read;

  @Column(name = "filed_at", nullable = false)
  private Instant filedAt;

  /** Filed by an arrival (a delivery or a fetched message), not by the owner's own sending. */
  @Column(name = "arrival")
  private Boolean arrival;

  protected FiledMessage() {}

  public FiledMessage(Folder folder, Message message, Instant filedAt) {
    this.folder = folder;
    this.message = message;
    this.filedAt = filedAt;
  }

  /** A message that arrived for the mailbox's owner. */
  public static FiledMessage arrival(Folder folder, Message message, Instant filedAt) {
    FiledMessage filed = new FiledMessage(folder, message, filedAt);
    filed.arrival = true;
    return filed;
  }

  public void markRead(boolean read) {
    this.read = read;
  }

  public void moveTo(Folder folder) {
    this.folder = folder;
  }

  public boolean isArrival() {
    return Boolean.TRUE.equals(arrival);
  }

  public Long id() {
    return id;
  }

  public Folder folder() {
    return folder;
  }

  public Message message() {
    return message;
  }

  public boolean isRead() {
    return read;
  }

  public Instant filedAt() {
    return filedAt;
  }
}
