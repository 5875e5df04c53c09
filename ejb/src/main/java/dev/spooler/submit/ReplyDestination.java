package dev.spooler.submit;

import java.util.Objects;

/**
 * Where a client wants its replies: a queue (or temporary queue) or a topic, by its JMS name. Kept
 * as text so that it can be stored with the message and answered after a restart.
 */
public record ReplyDestination(Kind kind, String name) {

  /** The JMS destination kind. */
  public enum Kind {
    QUEUE,
    TOPIC
  }

  public ReplyDestination {
    Objects.requireNonNull(kind, "kind");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a reply destination needs a name");
    }
  }

  /** Reads {@code queue:NAME} or {@code topic:NAME}, as {@link #toString()} writes it. */
  public static ReplyDestination parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a reply destination: " + text);
    }
    return new ReplyDestination(
        Kind.valueOf(text.substring(0, colon).toUpperCase(java.util.Locale.ROOT)),
        text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
  }
}
