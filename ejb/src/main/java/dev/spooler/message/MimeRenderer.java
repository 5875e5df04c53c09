package dev.spooler.message;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Renders an outbound message as RFC 5322 MIME, the form both the SMTP and the JMS transport send,
 * with its SMTP envelope sender. Only SMTP addresses can appear in its headers; BCC recipients
 * never do.
 */
public class MimeRenderer {

  private final Session session;

  public MimeRenderer(Session session) {
    this.session = session;
  }

  public SMTPMessage render(OutboundMessage message) throws MessagingException {
    SMTPMessage mime;
    if (message.mime() != null) {
      mime = new SMTPMessage(session, new ByteArrayInputStream(message.mime()));
    } else {
      mime = new FixedIdMimeMessage(session, message.messageIdHeader());
      mime.setFrom(new InternetAddress(message.returnPath(), true));
      setRecipients(mime, RecipientType.TO, message.to());
      setRecipients(mime, RecipientType.CC, message.cc());
      mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
      mime.setSentDate(Date.from(message.submittedAt()));
      mime.setText(message.body(), StandardCharsets.UTF_8.name());
      mime.saveChanges();
    }
    // "<>" is the null reverse path (RFC 5321 4.5.5): what reports are sent with.
    mime.setEnvelopeFrom(message.returnPath().isEmpty() ? "<>" : message.returnPath());
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
}
