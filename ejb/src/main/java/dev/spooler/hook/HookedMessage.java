package dev.spooler.hook;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * The message as hooks see and change it: its MIME form (headers and body), its envelope (typed
 * sender and recipients, outbound) or its mailbox (inbound), and for inbound where and how it is to
 * be filed. A hook that must sign the exact bytes (DKIM) seals them; changing the message after
 * that unseals it.
 */
public final class HookedMessage {

  private static final Session SESSION = Session.getInstance(new Properties());

  private final String messageIdHeader;
  private final List<String> recipients;
  private final String mailbox;
  private MimeMessage mime;
  private String sender;
  private byte[] sealed;
  private boolean changed;
  private String folder;
  private boolean markRead;
  private final List<String> forwardTo = new ArrayList<>();

  private HookedMessage(
      MimeMessage mime,
      String messageIdHeader,
      String sender,
      List<String> recipients,
      String mailbox) {
    this.mime = mime;
    this.messageIdHeader = messageIdHeader;
    this.sender = sender;
    this.recipients = new ArrayList<>(recipients);
    this.mailbox = mailbox;
  }

  /** An outgoing message with its envelope. */
  public static HookedMessage outbound(
      MimeMessage mime, String messageIdHeader, String sender, List<String> recipients) {
    return new HookedMessage(mime, messageIdHeader, sender, recipients, null);
  }

  /** An arriving message for a local mailbox, to be filed in {@code folder}. */
  public static HookedMessage inbound(
      MimeMessage mime, String messageIdHeader, String sender, String mailbox, String folder) {
    HookedMessage message = new HookedMessage(mime, messageIdHeader, sender, List.of(), mailbox);
    message.folder = folder;
    return message;
  }

  /** The MIME message, to read or change (a change is noticed through {@link #changed()}). */
  public MimeMessage mime() {
    if (sealed != null) {
      mime = parse(sealed);
      sealed = null;
    }
    changed = true;
    return mime;
  }

  /** Reads the MIME message without changing it. */
  public MimeMessage view() {
    return sealed != null ? parse(sealed) : mime;
  }

  /** The message as it would be sent now. */
  public byte[] bytes() {
    if (sealed != null) {
      return sealed.clone();
    }
    try {
      mime.saveChanges();
      // saving a parsed message gives it a new Message-ID; the spooler's id stays
      mime.setHeader("Message-ID", messageIdHeader);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      mime.writeTo(out);
      return out.toByteArray();
    } catch (MessagingException e) {
      throw new IllegalStateException("message cannot be written as MIME: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fixes the exact bytes to send (e.g. after signing them). */
  public void seal(byte[] bytes) {
    sealed = bytes.clone();
    changed = true;
  }

  public boolean changed() {
    return changed;
  }

  public String messageIdHeader() {
    return messageIdHeader;
  }

  /** The typed envelope sender, e.g. {@code SMTP:alice@example.org}; empty for a report. */
  public String sender() {
    return sender;
  }

  public void changeSender(String typedAddress) {
    sender = typedAddress;
    changed = true;
  }

  /** The typed envelope recipients still to be routed, in order (outbound only). */
  public List<String> recipients() {
    return Collections.unmodifiableList(recipients);
  }

  public void replaceRecipient(int index, String typedAddress) {
    recipients.set(index, typedAddress);
    changed = true;
  }

  public void addRecipient(String typedAddress) {
    recipients.add(typedAddress);
    changed = true;
  }

  /** The local mailbox an arriving message is for (inbound only), otherwise null. */
  public String mailbox() {
    return mailbox;
  }

  public String folder() {
    return folder;
  }

  public void fileIn(String folder) {
    this.folder = folder;
  }

  public boolean markRead() {
    return markRead;
  }

  public void markAsRead() {
    markRead = true;
  }

  public List<String> forwardTo() {
    return Collections.unmodifiableList(forwardTo);
  }

  public void forwardTo(String address) {
    forwardTo.add(address);
  }

  private static MimeMessage parse(byte[] bytes) {
    try {
      return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
    } catch (MessagingException e) {
      throw new IllegalStateException("sealed message cannot be read back", e);
    }
  }
}
