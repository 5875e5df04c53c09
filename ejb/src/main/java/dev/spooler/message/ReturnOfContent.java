package dev.spooler.message;

import java.util.Locale;

/**
 * What a failure report returns of the original message, as the sender asked with RFC 3461 {@code
 * RET}: the whole message ({@code FULL}) or only its headers ({@code HDRS}).
 */
public enum ReturnOfContent {
  FULL,
  HDRS;

  /** Reads {@code FULL} or {@code HDRS} (any case); null stays null (not asked). */
  public static ReturnOfContent parse(String text) {
    if (text == null) {
      return null;
    }
    return switch (text.strip().toUpperCase(Locale.ROOT)) {
      case "FULL" -> FULL;
      case "HDRS" -> HDRS;
      default -> throw new IllegalArgumentException("must be FULL or HDRS, got '" + text + "'");
    };
  }

  /**
   * Whether a report of this kind carries the whole message, for a sender who asked {@code ret}
   * (null: did not ask). RFC 3461 4.3: RET applies to failure reports only; the others return the
   * headers. Not asked, a failure report returns the whole message, as Postfix's bounces do (RFC
   * 3461 leaves it to the MTA).
   */
  public static boolean returnsWholeMessage(ReturnOfContent ret, ReportKind kind) {
    return kind == ReportKind.NON_DELIVERY && ret != HDRS;
  }
}
