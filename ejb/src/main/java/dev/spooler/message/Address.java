package dev.spooler.message;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A MAPI-style typed address: {@code SMTP:alice@example.org}, {@code LOCAL:bob}, {@code
 * JMS:orders.inbox}. A bare address without a type, such as {@code alice@example.org}, is SMTP.
 */
public record Address(String type, String value) {

  public static final String SMTP = "SMTP";

  /** A user of this spooler: delivered to its mailbox. */
  public static final String LOCAL = "LOCAL";

  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_-]{0,19}");
  private static final Pattern FORBIDDEN = Pattern.compile("[\\r\\n\\u0000]");
  private static final int MAX_LENGTH = 320;

  public Address {
    if (!TYPE.matcher(type).matches()) {
      throw new InvalidAddressException("address type '" + type + "' is not a valid type name");
    }
    if (value.isBlank()) {
      throw new InvalidAddressException("address has no value after its type " + type);
    }
    if (FORBIDDEN.matcher(value).find()) {
      throw new InvalidAddressException("address contains CR, LF or NUL");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidAddressException("address is longer than " + MAX_LENGTH + " characters");
    }
    if (SMTP.equals(type)) {
      requireMailbox(value);
    }
  }

  /** Parses {@code TYPE:value}, or a bare e-mail address as SMTP. */
  public static Address parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidAddressException("address is empty");
    }
    String trimmed = text.strip();
    int colon = trimmed.indexOf(':');
    if (colon > 0) {
      String prefix = trimmed.substring(0, colon).toUpperCase(Locale.ROOT);
      // "a:b"@example.org has a colon too: only a type name before the colon makes it a type.
      if (TYPE.matcher(prefix).matches()) {
        return new Address(prefix, trimmed.substring(colon + 1));
      }
    }
    return new Address(SMTP, trimmed);
  }

  /**
   * What mail compares when it asks whether two addresses are one mailbox: the type, the local part
   * as written (RFC 5321 leaves its case to the receiving system), and the domain in lower case, as
   * an A-label, for an SMTP address; the type and value as written for every other type.
   */
  public String mailboxKey() {
    if (!SMTP.equals(type)) {
      return toString();
    }
    int at = value.lastIndexOf('@');
    String domain = value.substring(at + 1);
    try {
      domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      // Not a valid IDN: compared as written, in lower case.
    }
    return type + ":" + value.substring(0, at) + "@" + domain.toLowerCase(Locale.ROOT);
  }

  private static void requireMailbox(String value) {
    try {
      InternetAddress parsed = new InternetAddress(value, true);
      if (parsed.getPersonal() != null || !value.equals(parsed.getAddress())) {
        throw new InvalidAddressException("'" + value + "' is not a bare mailbox (local@domain)");
      }
      int at = value.lastIndexOf('@');
      if (at <= 0 || at == value.length() - 1) {
        throw new InvalidAddressException("'" + value + "' has no domain");
      }
    } catch (AddressException e) {
      throw new InvalidAddressException(
          "'" + value + "' is not a valid e-mail address: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return type + ":" + value;
  }
}
