package dev.spooler.transport.smtp;

import java.net.IDN;

/**
 * A mailbox as it goes on the wire (RFC 6531/5890): the domain in A-label (Punycode) form, which
 * every relay understands, and the local part as it is; a non-ASCII local part can only travel in
 * an SMTPUTF8 transaction.
 */
record WireMailbox(String value, boolean needsSmtpUtf8) {

  /** The wire form of {@code mailbox} ({@code local@domain}). */
  static WireMailbox of(String mailbox) {
    int at = mailbox.lastIndexOf('@');
    String local = mailbox.substring(0, at);
    String domain = IDN.toASCII(mailbox.substring(at + 1), IDN.ALLOW_UNASSIGNED);
    return new WireMailbox(local + "@" + domain, !isAscii(local));
  }

  private static boolean isAscii(String text) {
    return text.chars().allMatch(c -> c < 0x80);
  }
}
