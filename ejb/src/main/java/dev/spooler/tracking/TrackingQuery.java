package dev.spooler.tracking;

import java.util.UUID;

/**
 * What to look up in the tracking log: exactly one of a message id, a Message-ID header, a sender
 * or a recipient (typed address, or the bare address, matched case-insensitively).
 */
public record TrackingQuery(
    UUID messageId, String messageIdHeader, String sender, String recipient) {

  public boolean isEmpty() {
    return messageId == null && blank(messageIdHeader) && blank(sender) && blank(recipient);
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
