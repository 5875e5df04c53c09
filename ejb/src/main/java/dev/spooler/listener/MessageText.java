package dev.spooler.listener;

import dev.spooler.message.Message;
import dev.spooler.message.MessageContent;
import dev.spooler.message.MimeSessions;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;

/**
 * A submitted message's subject and text as the store lists them (the MIME itself is what is sent):
 * one-line subject without controls, text within the store's body limit. Unreadable MIME gives
 * empty text, not a refusal: the peer's bytes are still the message.
 */
record MessageText(String subject, String body) {

  private static final Session SESSION = MimeSessions.UTF8;

  static MessageText of(byte[] mime) {
    try {
      MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(mime));
      String subject = message.getHeader("Subject", null);
      subject =
          subject == null
              ? ""
              : MessageContent.decodeHeader(subject)
                  .replaceAll("[\\x00-\\x08\\x0a-\\x1f\\x7f]+", " ");
      String text;
      try {
        text = MessageContent.of(message).text();
      } catch (RuntimeException unreadable) {
        text = null;
      }
      text = text == null ? "" : text.replace('\u0000', ' ');
      return new MessageText(
          subject.length() > 998 ? subject.substring(0, 998) : subject,
          text.length() > Message.MAX_BODY_LENGTH
              ? text.substring(0, Message.MAX_BODY_LENGTH)
              : text);
    } catch (MessagingException e) {
      return new MessageText("", "");
    }
  }
}
