package dev.spooler.it;

import dev.spooler.testing.ScriptedSmtpServer;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What reached a relay, counted by spooler message id (its Message-ID is {@code <id@domain>}). */
final class RelayArrivals {

  private RelayArrivals() {}

  /** How often each message reached the relay, by its id. */
  static Map<String, Long> byMessageId(ScriptedSmtpServer relay) {
    return relay.transactions().stream()
        .map(RelayArrivals::messageId)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  /** The spooler message id of what one transaction carried, or {@code ?}. */
  static String messageId(ScriptedSmtpServer.Transaction transaction) {
    return transaction
        .data()
        .lines()
        .filter(l -> l.regionMatches(true, 0, "Message-ID: <", 0, 13))
        .map(l -> l.substring(13, l.indexOf('@')))
        .findFirst()
        .orElse("?");
  }

  /** Arrivals beyond the first of each message. */
  static long duplicates(Map<String, Long> arrivals) {
    return arrivals.values().stream().mapToLong(n -> n - 1).sum();
  }
}
