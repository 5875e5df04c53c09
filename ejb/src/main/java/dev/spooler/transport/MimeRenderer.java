package dev.spooler.transport;

import dev.spooler.routing.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;

/**
 * Renders an outbound message as RFC 5322 MIME, the form both the SMTP and the JMS transport send.
 * Only SMTP addresses can appear in its headers; BCC recipients never do.
 */
public class MimeRenderer {

  private final Session session;

  public MimeRenderer(Session session) {
    this.session = session;
  }

  public MimeMessage render(OutboundMessage message) throws MessagingException {
    MimeMessage mime = new FixedIdMimeMessage(session, message.messageIdHeader());
    mime.setFrom(new InternetAddress(message.from().value(), true));
    setRecipients(mime, RecipientType.TO, message.to());
    setRecipients(mime, RecipientType.CC, message.cc());
    mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
    mime.setSentDate(Date.from(message.submittedAt()));
    mime.setText(message.body(), StandardCharsets.UTF_8.name());
    mime.saveChanges();
    return mime;
  }

  private static void setRecipients(MimeMessage mime, RecipientType type, List<Address> addresses)
      throws MessagingException {
    List<String> smtp =
        addresses.stream().filter(a -> Address.SMTP.equals(a.type())).map(Address::value).toList();
    if (!smtp.isEmpty()) {
      mime.setRecipients(type, mailboxes(smtp));
    }
  }

  /** Strict RFC 5322 mailboxes, for headers and SMTP envelopes. */
  public static InternetAddress[] mailboxes(List<String> mailboxes) throws AddressException {
    InternetAddress[] result = new InternetAddress[mailboxes.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = new InternetAddress(mailboxes.get(i), true);
    }
    return result;
  }

  /** Keeps the spooler's Message-ID: a re-sent copy must carry the same one to be recognisable. */
  private static final class FixedIdMimeMessage extends MimeMessage {
    private final String messageId;

    FixedIdMimeMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
