package dev.spooler.inbound;

import dev.spooler.message.InboundReceipt;
import dev.spooler.message.Message;
import dev.spooler.message.MessageContent;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.MimeSessions;
import dev.spooler.message.SpoolerDomain;
import dev.spooler.queue.SpoolQueues;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Takes one fetched message into the store, in a transaction of its own that commits before the
 * poller removes the remote copy: stored and queued for the post-process stage, or recognised as
 * already received from this account.
 */
@Stateless
public class InboundReceiver {

  /** What happened to a fetched message. */
  public enum Receipt {
    STORED,
    DUPLICATE
  }

  private static final Session SESSION = MimeSessions.UTF8;
  private static final int MAX_HEADER_FIELD = 250;

  @Inject private MessageRepository messages;
  @Inject private SpoolQueues queues;
  @Inject private Clock clock;

  @Inject SpoolerDomain domain;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Receipt receive(InboundAccount account, byte[] raw) {
    MimeMessage mime = parse(raw);
    String key = messageKey(mime, raw);
    if (messages.receipt(account.name(), key).isPresent()) {
      return Receipt.DUPLICATE;
    }
    Instant now = clock.instant();
    Message message = store(mime, withTrace(raw, account, now), now);
    messages.store(new InboundReceipt(account.name(), key, message.id(), now));
    queues.messageWasReceived(message.id(), account.mailbox());
    return Receipt.STORED;
  }

  /**
   * A message an SMTP peer handed to the MX listener for local mailboxes, trace headers already
   * added: stored once and queued for the post-process stage once per mailbox, in one transaction
   * that has committed when this returns (the listener's 250 follows it).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public UUID receiveForMailboxes(byte[] raw, List<String> mailboxes) {
    Message message = store(parse(raw), raw, clock.instant());
    for (String mailbox : mailboxes) {
      queues.messageWasReceived(message.id(), mailbox);
    }
    return message.id();
  }

  private Message store(MimeMessage mime, byte[] raw, Instant now) {
    Message message =
        Message.received(
            header(mime, "Message-ID").orElse(domain.messageId(UUID.randomUUID())),
            sender(mime),
            oneLine(header(mime, "Subject").map(MessageContent::decodeHeader).orElse(""), 998),
            text(mime),
            raw,
            now);
    messages.store(message);
    return message;
  }

  /** A Received line on top records where and when the spooler took it (RFC 5321 4.4). */
  private byte[] withTrace(byte[] raw, InboundAccount account, Instant now) {
    byte[] line =
        ("Received: by "
                + domain.name()
                + " (Spooler) with "
                + account.protocol().toUpperCase(java.util.Locale.ROOT)
                + " from account "
                + account.name()
                + "; "
                + new jakarta.mail.internet.MailDateFormat().format(java.util.Date.from(now))
                + "\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] stamped = new byte[line.length + raw.length];
    System.arraycopy(line, 0, stamped, 0, line.length);
    System.arraycopy(raw, 0, stamped, line.length, raw.length);
    return stamped;
  }

  private static MimeMessage parse(byte[] raw) {
    try {
      return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    } catch (MessagingException e) {
      // MimeMessage parses leniently; this is an unreadable stream, not a malformed message
      throw new IllegalArgumentException("fetched message cannot be read: " + e.getMessage(), e);
    }
  }

  /** The Message-ID, or a hash of the whole message when it has none. */
  static String messageKey(MimeMessage mime, byte[] raw) {
    return header(mime, "Message-ID").orElseGet(() -> "sha256:" + sha256(raw));
  }

  private static java.util.Optional<String> header(MimeMessage mime, String name) {
    try {
      String value = mime.getHeader(name, null);
      return value == null || value.isBlank()
          ? java.util.Optional.empty()
          : java.util.Optional.of(oneLine(value.strip(), MAX_HEADER_FIELD));
    } catch (MessagingException e) {
      return java.util.Optional.empty();
    }
  }

  private static String sender(MimeMessage mime) {
    try {
      var from = mime.getFrom();
      if (from != null && from.length > 0 && from[0] instanceof InternetAddress address) {
        address.validate();
        return "SMTP:" + address.getAddress();
      }
    } catch (MessagingException unparseable) {
      // an arriving message may have any From; it is kept, only without a typed sender
    }
    return "";
  }

  private static String text(MimeMessage mime) {
    try {
      MessageContent content = MessageContent.of(mime);
      String text = content.text() != null ? content.text() : "";
      return text.length() > Message.MAX_BODY_LENGTH
          ? text.substring(0, Message.MAX_BODY_LENGTH)
          : text.replace('\u0000', ' ');
    } catch (RuntimeException unreadable) {
      return "";
    }
  }

  private static String oneLine(String value, int max) {
    String line = value.replaceAll("[\\r\\n\\u0000]+", " ");
    return line.length() > max ? line.substring(0, max) : line;
  }

  private static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
