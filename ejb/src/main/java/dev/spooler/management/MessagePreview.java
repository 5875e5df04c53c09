package dev.spooler.management;

import dev.spooler.message.MessageContent;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.MimeRenderer;
import dev.spooler.message.OutboundMessages;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * A stored message as the transports send it (RFC 5322 MIME, rendered as they render it), for the
 * operator's message page: its raw MIME, and its headers, text, HTML and attachments.
 */
@Stateless
public class MessagePreview {

  /** What a message page shows of the content; attachments are fetched one by one. */
  public record Content(
      List<MessageContent.HeaderField> headers,
      String text,
      String html,
      List<MessageContent.Attachment> attachments) {}

  // Rendering only: no transport settings are needed, as for reports. Static: the container builds
  // an instance of this class for every EJB view it hands out (an @EJB field of a request-scoped
  // resource: every REST request), and a Session scans the deployment with a ServiceLoader, ~10% of
  // the server's CPU under load (docs/performance.md).
  private static final Session SESSION = Session.getInstance(new Properties());

  @Inject private MessageRepository messages;
  @Inject private OutboundMessages outbound;

  public Optional<byte[]> mime(UUID id) {
    return rendered(id).map(MessagePreview::bytes);
  }

  public Optional<Content> content(UUID id) {
    return rendered(id)
        .map(MessageContent::of)
        .map(c -> new Content(c.headers(), c.text(), c.html(), c.attachments()));
  }

  public Optional<MessageContent.AttachmentData> attachment(UUID id, int index) {
    return rendered(id).map(MessageContent::of).flatMap(c -> c.data(index));
  }

  private Optional<MimeMessage> rendered(UUID id) {
    return messages
        .find(id)
        .map(
            m -> {
              try {
                return new MimeRenderer(SESSION).render(outbound.of(m));
              } catch (MessagingException e) {
                throw new IllegalStateException("message " + id + " cannot be rendered", e);
              }
            });
  }

  private static byte[] bytes(MimeMessage mime) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      mime.writeTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
