package dev.spooler.message;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which reports a sender wants for a recipient, written as SMTP DSN NOTIFY keywords: {@code
 * SUCCESS}, {@code FAILURE}, {@code DELAY}, or {@code NEVER} alone. Without a request the spooler
 * reports failures and delays, as MAPI sends non-delivery reports unless they are suppressed.
 */
public final class ReportRequest {

  public static final Set<ReportKind> DEFAULT =
      EnumSet.of(ReportKind.NON_DELIVERY, ReportKind.DELAY);
  private static final String NEVER = "NEVER";

  private ReportRequest() {}

  /** Parses NOTIFY keywords (case-insensitive); null means the default. */
  public static Set<ReportKind> parse(List<String> keywords) {
    if (keywords == null) {
      return DEFAULT;
    }
    if (keywords.isEmpty()) {
      throw new IllegalArgumentException("must list SUCCESS, FAILURE, DELAY, or NEVER alone");
    }
    Set<ReportKind> kinds = EnumSet.noneOf(ReportKind.class);
    boolean never = false;
    for (String keyword : keywords) {
      String upper = keyword == null ? "" : keyword.trim().toUpperCase(Locale.ROOT);
      if (NEVER.equals(upper)) {
        never = true;
        continue;
      }
      kinds.add(
          EnumSet.allOf(ReportKind.class).stream()
              .filter(k -> k.notifyKeyword().equals(upper))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "'" + keyword + "' is not one of SUCCESS, FAILURE, DELAY, NEVER")));
    }
    if (never && !kinds.isEmpty()) {
      throw new IllegalArgumentException("NEVER cannot be combined with other keywords");
    }
    return kinds;
  }

  /** The stored form: the keywords, comma-separated, or NEVER. */
  static String format(Set<ReportKind> kinds) {
    return kinds.isEmpty()
        ? NEVER
        : kinds.stream().map(ReportKind::notifyKeyword).collect(Collectors.joining(","));
  }

  static Set<ReportKind> fromStored(String stored) {
    return stored == null ? DEFAULT : parse(List.of(stored.split(",")));
  }
}
