package dev.spooler.security;

import dev.spooler.message.Address;
import java.util.Locale;

/**
 * Which sender addresses a grant covers: {@code *} (any: a trusted relay), {@code *@example.org}
 * (any SMTP address of a domain), or one address ({@code alice@example.org}, {@code LOCAL:alice}).
 * Matching ignores case, as mail systems do for domains and, in practice, for local parts.
 */
public record SenderPattern(String text) {

  public static final int MAX_LENGTH = 330;

  public SenderPattern {
    if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a sender pattern has 1 to " + MAX_LENGTH + " characters");
    }
    if (text.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      throw new IllegalArgumentException("a sender pattern has no spaces or control characters");
    }
    if (text.indexOf('*') >= 0 && !text.equals("*") && !isDomainWildcard(text)) {
      throw new IllegalArgumentException(
          "'*' stands alone or before @domain (*@example.org): " + text);
    }
  }

  public static SenderPattern parse(String text) {
    return new SenderPattern(text == null ? null : text.strip());
  }

  public boolean matches(Address from) {
    if (text.equals("*")) {
      return true;
    }
    String typed = from.toString().toLowerCase(Locale.ROOT);
    String wanted = text.toLowerCase(Locale.ROOT);
    if (isDomainWildcard(text)) {
      return Address.SMTP.equals(from.type())
          && from.value().toLowerCase(Locale.ROOT).endsWith(wanted.substring(1));
    }
    return typed.equals(wanted)
        || typed.equals((Address.SMTP + ":" + wanted).toLowerCase(Locale.ROOT));
  }

  private static boolean isDomainWildcard(String text) {
    return text.startsWith("*@") && text.length() > 2 && text.indexOf('*', 1) < 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
