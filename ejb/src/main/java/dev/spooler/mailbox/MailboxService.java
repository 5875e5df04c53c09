package dev.spooler.mailbox;

import dev.spooler.message.FiledMessage;
import dev.spooler.message.FiledMessageView;
import dev.spooler.message.Folder;
import dev.spooler.message.Mailbox;
import dev.spooler.message.MailboxRepository;
import dev.spooler.message.Message;
import dev.spooler.message.MessageContent;
import dev.spooler.message.MimeRenderer;
import dev.spooler.message.MimeSessions;
import dev.spooler.message.OutboundMessages;
import dev.spooler.notify.MessageArrived;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A local user's mailbox as a mail client uses it: folders with counts, pages of a folder, reading
 * a message and its attachments, marking read, moving, deleting. An entry of another owner's
 * mailbox is treated as absent.
 */
@Stateless
public class MailboxService {

  private static final Pattern FOLDER_NAME = Pattern.compile("[^\\p{Cntrl}/]{1,100}");
  private static final int MAX_PAGE = 200;
  private static final int MAX_REPLAY = 1000;
  private static final Session SESSION = MimeSessions.UTF8;

  @Inject private MailboxRepository mailboxes;
  @Inject private OutboundMessages outbound;

  public Optional<List<FolderView>> folders(String owner) {
    String name = normal(owner);
    if (mailboxes.find(name).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        mailboxes.folderCounts(name).stream()
            .map(
                row ->
                    new FolderView(
                        (String) row[0], number(row[1]), row[2] == null ? 0 : number(row[2])))
            .toList());
  }

  /** What a folder holds, newest first. */
  public List<FiledMessageView> folder(String owner, String folder) {
    return mailboxes.filed(normal(owner), folder).stream().map(FiledMessageView::of).toList();
  }

  public Optional<FolderPage> page(String owner, String folder, int offset, int limit) {
    if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
      throw new InvalidMailboxRequestException(
          "offset must be >= 0 and limit between 1 and " + MAX_PAGE);
    }
    String name = normal(owner);
    Optional<FolderView> counts =
        folders(name).flatMap(fs -> fs.stream().filter(f -> f.name().equals(folder)).findFirst());
    return counts.map(
        c ->
            new FolderPage(
                folder,
                offset,
                limit,
                c.total(),
                mailboxes.filed(name, folder, offset, limit).stream()
                    .map(FiledMessageView::of)
                    .toList()));
  }

  public Optional<ReadableMessage> read(String owner, long entryId) {
    return mailboxes
        .entry(normal(owner), entryId)
        .map(
            entry -> {
              Message m = entry.message();
              MessageContent content = MessageContent.of(mime(m));
              return new ReadableMessage(
                  entry.id(),
                  entry.folder().name(),
                  entry.isRead(),
                  m.id(),
                  m.messageIdHeader(),
                  m.messageClass(),
                  m.sender(),
                  m.subject(),
                  entry.filedAt(),
                  content.headers(),
                  content.text(),
                  content.html(),
                  content.attachments());
            });
  }

  public Optional<MessageContent.AttachmentData> attachment(String owner, long entryId, int index) {
    return mailboxes
        .entry(normal(owner), entryId)
        .flatMap(entry -> MessageContent.of(mime(entry.message())).data(index));
  }

  /** Marks read or unread and/or moves to another folder; null leaves that part alone. */
  public boolean update(String owner, long entryId, Boolean read, String folder) {
    Optional<FiledMessage> found = mailboxes.entry(normal(owner), entryId);
    found.ifPresent(
        entry -> {
          if (read != null) {
            entry.markRead(read);
          }
          if (folder != null) {
            entry.moveTo(existingFolder(entry.folder().mailbox(), folder));
          }
        });
    return found.isPresent();
  }

  /** Moves to Deleted Items; from Deleted Items, removes for good. */
  public boolean delete(String owner, long entryId) {
    Optional<FiledMessage> found = mailboxes.entry(normal(owner), entryId);
    found.ifPresent(
        entry -> {
          if (entry.folder().name().equals(Mailbox.DELETED_ITEMS)) {
            mailboxes.remove(entry);
          } else {
            entry.moveTo(existingFolder(entry.folder().mailbox(), Mailbox.DELETED_ITEMS));
          }
        });
    return found.isPresent();
  }

  /** Adds a folder of the owner's own; false if the mailbox does not exist. */
  public boolean createFolder(String owner, String folder) {
    if (folder == null
        || !FOLDER_NAME.matcher(folder).matches()
        || !folder.strip().equals(folder)) {
      throw new InvalidMailboxRequestException(
          "a folder name has 1 to 100 characters, no control characters, no '/', no outer spaces");
    }
    Optional<Mailbox> mailbox = mailboxes.find(normal(owner));
    mailbox.ifPresent(
        m -> {
          if (m.folder(folder).isPresent()) {
            throw new InvalidMailboxRequestException("folder '" + folder + "' exists already");
          }
          mailboxes.store(m.addFolder(folder));
        });
    return mailbox.isPresent();
  }

  /**
   * The arrivals after entry {@code lastSeenId}, oldest first: what a reconnecting client missed.
   */
  public List<MessageArrived> arrivalsAfter(String owner, long lastSeenId) {
    return mailboxes.arrivalsAfter(normal(owner), lastSeenId, MAX_REPLAY).stream()
        .map(
            f ->
                new MessageArrived(
                    f.folder().mailbox().owner(),
                    f.folder().name(),
                    f.message().id(),
                    f.message().sender(),
                    f.message().subject(),
                    f.filedAt(),
                    f.id()))
        .toList();
  }

  private static Folder existingFolder(Mailbox mailbox, String name) {
    return mailbox
        .folder(name)
        .orElseThrow(() -> new InvalidMailboxRequestException("no folder '" + name + "'"));
  }

  private MimeMessage mime(Message message) {
    try {
      return message.mimeContent() != null
          ? new MimeMessage(SESSION, new ByteArrayInputStream(message.mimeContent()))
          : new MimeRenderer(SESSION).render(outbound.of(message));
    } catch (MessagingException e) {
      throw new IllegalStateException("message " + message.id() + " cannot be read as MIME", e);
    }
  }

  private static String normal(String owner) {
    return owner.toLowerCase(Locale.ROOT);
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }
}
