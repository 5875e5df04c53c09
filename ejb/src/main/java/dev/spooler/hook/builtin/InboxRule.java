package dev.spooler.hook.builtin;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One inbound rule as mail users know them: conditions (regular expressions, case-insensitive, all
 * must match) and actions. {@code mailbox} limits it to one mailbox.
 */
public record InboxRule(
    String name,
    Optional<String> mailbox,
    Optional<Pattern> from,
    Optional<Pattern> to,
    Optional<Pattern> subject,
    Optional<String> headerName,
    Optional<Pattern> headerValue,
    Optional<String> moveTo,
    boolean markRead,
    List<String> forwardTo,
    boolean delete) {

  /** What a message looks like to a rule. */
  public record Facts(
      String mailbox, String from, List<String> to, String subject, HeaderLookup headers) {}

  /** Reads a header's values. */
  @FunctionalInterface
  public interface HeaderLookup {
    List<String> values(String name);
  }

  public boolean matches(Facts facts) {
    return mailbox.map(m -> m.equalsIgnoreCase(facts.mailbox())).orElse(true)
        && from.map(p -> p.matcher(facts.from()).find()).orElse(true)
        && to.map(p -> facts.to().stream().anyMatch(t -> p.matcher(t).find())).orElse(true)
        && subject.map(p -> p.matcher(facts.subject()).find()).orElse(true)
        && headerName
            .map(
                h ->
                    facts.headers().values(h).stream()
                        .anyMatch(v -> headerValue.map(p -> p.matcher(v).find()).orElse(true)))
            .orElse(true);
  }
}
