package dev.spooler.listener;

import java.util.regex.Pattern;

/** What the listener takes as a mailbox in MAIL FROM and RCPT TO (RFC 5321 4.1.2, RFC 6531). */
final class SmtpPaths {

  private static final Pattern MAILBOX = Pattern.compile("[^\\s<>()\\[\\],;:\"@\\\\]+@[^\\s<>@]+");
  private static final int MAX_LENGTH = 320;

  private SmtpPaths() {}

  /** Null if {@code path} is a mailbox, else the refusal. */
  static String refusal(String path, boolean smtputf8) {
    if (path.length() > MAX_LENGTH || !MAILBOX.matcher(path).matches()) {
      return "553 5.1.3 Not a valid mailbox: <" + shorten(path) + ">";
    }
    if (!smtputf8 && !path.chars().allMatch(c -> c < 0x80)) {
      return "553 5.6.7 A non-ASCII address needs SMTPUTF8 on MAIL FROM";
    }
    return null;
  }

  private static String shorten(String path) {
    String printable = path.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 64 ? printable.substring(0, 64) + "..." : printable;
  }
}
