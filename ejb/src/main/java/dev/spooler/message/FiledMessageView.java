package dev.spooler.message;

import java.time.Instant;
import java.util.UUID;

/** A message as it sits in a folder: enough for a folder listing. */
public record FiledMessageView(
    long id,
    UUID messageId,
    String messageClass,
    String from,
    String subject,
    boolean read,
    Instant filedAt) {

  public static FiledMessageView of(FiledMessage f) {
    return new FiledMessageView(
        f.id(),
        f.message().id(),
        f.message().messageClass(),
        f.message().sender(),
        f.message().subject(),
        f.isRead(),
        f.filedAt());
  }
}
