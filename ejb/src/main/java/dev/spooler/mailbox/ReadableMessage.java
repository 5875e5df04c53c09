package dev.spooler.mailbox;

import dev.spooler.message.MessageContent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A filed message opened for reading. */
public record ReadableMessage(
    long id,
    String folder,
    boolean read,
    UUID messageId,
    String messageIdHeader,
    String messageClass,
    String from,
    String subject,
    Instant filedAt,
    List<MessageContent.HeaderField> headers,
    String text,
    String html,
    List<MessageContent.Attachment> attachments) {}
