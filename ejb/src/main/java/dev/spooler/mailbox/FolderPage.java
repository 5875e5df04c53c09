package dev.spooler.mailbox;

import dev.spooler.message.FiledMessageView;
import java.util.List;

/** One page of a folder, newest first. */
public record FolderPage(
    String folder, int offset, int limit, long total, List<FiledMessageView> messages) {}
