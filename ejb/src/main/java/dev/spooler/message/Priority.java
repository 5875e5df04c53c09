package dev.spooler.message;

import java.util.Locale;

/**
 * The sender's priority, as in MAPI and X.400; maps to the JMS priority of the message's stages.
 */
public enum Priority {
  URGENT(7),
  NORMAL(4),
  NON_URGENT(1);

  private final int jmsPriority;

  Priority(int jmsPriority) {
    this.jmsPriority = jmsPriority;
  }

  public int jmsPriority() {
    return jmsPriority;
  }

  /** Reads {@code urgent}, {@code normal} or {@code non-urgent} (any case). */
  public static Priority parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "urgent" -> URGENT;
      case "normal" -> NORMAL;
      case "non-urgent", "non_urgent" -> NON_URGENT;
      default ->
          throw new IllegalArgumentException(
              "must be urgent, normal or non-urgent, got '" + text + "'");
    };
  }
}
