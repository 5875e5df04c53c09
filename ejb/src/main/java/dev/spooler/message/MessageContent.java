package dev.spooler.message;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a mail client shows of a MIME message: its headers, the first text/plain and text/html
 * bodies, and every other part as an attachment, numbered in document order.
 */
public final class MessageContent {

  /** A header line, decoded. */
  public record HeaderField(String name, String value) {}

  /** An attachment's metadata; {@code index} addresses it for download. */
  public record Attachment(int index, String filename, String contentType, long size) {}

  /** An attachment's bytes. */
  public record AttachmentData(String filename, String contentType, byte[] content) {}

  private final List<HeaderField> headers = new ArrayList<>();
  private final List<Part> attachments = new ArrayList<>();
  private String text;
  private String html;

  private MessageContent() {}

  public static MessageContent of(MimeMessage mime) {
    MessageContent content = new MessageContent();
    try {
      for (var all = mime.getAllHeaders(); all.hasMoreElements(); ) {
        Header h = all.nextElement();
        content.headers.add(new HeaderField(h.getName(), decode(h.getValue())));
      }
      content.walk(mime);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("not a readable MIME message: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return content;
  }

  public List<HeaderField> headers() {
    return Collections.unmodifiableList(headers);
  }

  public String text() {
    return text;
  }

  public String html() {
    return html;
  }

  public List<Attachment> attachments() {
    List<Attachment> list = new ArrayList<>();
    for (int i = 0; i < attachments.size(); i++) {
      AttachmentData data = data(i).orElseThrow();
      list.add(new Attachment(i, data.filename(), data.contentType(), data.content().length));
    }
    return list;
  }

  public Optional<AttachmentData> data(int index) {
    if (index < 0 || index >= attachments.size()) {
      return Optional.empty();
    }
    Part part = attachments.get(index);
    try (InputStream in = part.getInputStream()) {
      return Optional.of(new AttachmentData(filename(part), baseType(part), in.readAllBytes()));
    } catch (MessagingException e) {
      throw new IllegalArgumentException("unreadable attachment " + index, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void walk(Part part) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        walk(child);
      }
      return;
    }
    boolean inline =
        !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && filename(part) == null;
    if (inline && text == null && part.isMimeType("text/plain")) {
      text = read(part);
    } else if (inline && html == null && part.isMimeType("text/html")) {
      html = read(part);
    } else {
      attachments.add(part);
    }
  }

  private static String read(Part part) throws MessagingException, IOException {
    try (InputStream in = part.getInputStream()) {
      return new String(in.readAllBytes(), charset(part));
    }
  }

  private static Charset charset(Part part) throws MessagingException {
    String name = new ContentType(part.getContentType()).getParameter("charset");
    try {
      return name == null
          ? StandardCharsets.US_ASCII
          : Charset.forName(MimeUtility.javaCharset(name));
    } catch (IllegalArgumentException unknown) {
      return StandardCharsets.UTF_8;
    }
  }

  private static String filename(Part part) {
    try {
      String name = part.getFileName();
      return name == null ? null : MimeUtility.decodeText(name);
    } catch (MessagingException | IOException e) {
      return null;
    }
  }

  private static String baseType(Part part) throws MessagingException {
    return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
  }

  /** A header value with RFC 2047 encoded words decoded. */
  public static String decodeHeader(String value) {
    return decode(value);
  }

  private static String decode(String value) {
    try {
      return MimeUtility.decodeText(MimeUtility.unfold(value));
    } catch (IOException e) {
      return value;
    }
  }
}
