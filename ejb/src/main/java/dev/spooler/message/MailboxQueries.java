package dev.spooler.message;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;

/** Reads mailboxes of the message store for clients. */
@Stateless
public class MailboxQueries {

  @Inject private MailboxRepository mailboxes;

  /** What a folder of a local user's mailbox holds, newest first. */
  public List<FiledMessageView> folder(String owner, String folder) {
    return mailboxes.filed(owner.toLowerCase(Locale.ROOT), folder).stream()
        .map(FiledMessageView::of)
        .toList();
  }
}
