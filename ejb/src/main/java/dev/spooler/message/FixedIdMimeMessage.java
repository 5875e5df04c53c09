package dev.spooler.message;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A MIME message that keeps the Message-ID the spooler stored for it: a re-sent copy must carry the
 * same one to be recognisable, and a report must be findable by it.
 */
public final class FixedIdMimeMessage extends SMTPMessage {

  private final String messageId;

  public FixedIdMimeMessage(Session session, String messageId) {
    super(session);
    this.messageId = messageId;
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }
}
