package dev.spooler.listener;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * The trace a receiving MTA adds on top of a message (RFC 5321 4.4): a Received line naming the
 * client and the protocol (RFC 3848 / RFC 6531 keywords), Return-Path when it delivers finally, and
 * a Message-ID when the client sent none (RFC 6409 8.3); the client's own Message-ID is kept.
 */
final class TraceHeaders {

  /** Who handed the message in, and how. */
  record Origin(
      String helo,
      String clientAddress,
      boolean tls,
      boolean authenticated,
      boolean smtputf8,
      String sessionId) {

    /** ESMTP, with S for TLS and A for AUTH; UTF8SMTP… when the client used SMTPUTF8. */
    String protocol() {
      return (smtputf8 ? "UTF8SMTP" : "ESMTP") + (tls ? "S" : "") + (authenticated ? "A" : "");
    }
  }

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  private final String hostName;
  private final String domain;

  TraceHeaders(String hostName, String domain) {
    this.hostName = hostName;
    this.domain = domain;
  }

  /**
   * {@code recipient} names the one recipient in the Received line (none when several, so that a
   * copy does not show the others); {@code returnPath} is null unless delivering finally.
   */
  Stamped stamp(
      byte[] data, Origin origin, String recipient, String returnPath, ZonedDateTime now) {
    String messageId = existingMessageId(data);
    StringBuilder head = new StringBuilder();
    if (returnPath != null) {
      head.append("Return-Path: <").append(returnPath).append(">\r\n");
    }
    head.append("Received: from ")
        .append(clean(origin.helo()))
        .append(" ([")
        .append(origin.clientAddress())
        .append("])\r\n\tby ")
        .append(hostName)
        .append(" (Spooler) with ")
        .append(origin.protocol())
        .append(" id ")
        .append(origin.sessionId());
    if (recipient != null) {
      head.append("\r\n\tfor <").append(recipient).append('>');
    }
    head.append("; ").append(DATE.format(now)).append("\r\n");
    if (messageId == null) {
      messageId = "<" + UUID.randomUUID() + "@" + domain + ">";
      head.append("Message-ID: ").append(messageId).append("\r\n");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + head.length() + 16);
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(data);
    return new Stamped(out.toByteArray(), messageId);
  }

  /** A HELO argument goes into a header: only its first word, without controls. */
  private static String clean(String helo) {
    if (helo == null || helo.isBlank()) {
      return "unknown";
    }
    String word = helo.strip().split("\\s+")[0];
    return word.replaceAll("[^\\x21-\\x7e]", "?");
  }

  /** The Message-ID field of the header section, unfolded, or null. */
  static String existingMessageId(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    String header = end < 0 ? text : text.substring(0, end);
    String[] lines = header.replace("\r\n\t", " ").replace("\r\n ", " ").split("\r\n");
    for (String line : lines) {
      if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
        String value = line.substring(11).strip();
        int open = value.indexOf('<');
        int close = value.indexOf('>', open + 1);
        if (open >= 0 && close > open + 1 && close - open < 250) {
          return value.substring(open, close + 1);
        }
        return null;
      }
    }
    return null;
  }
}
