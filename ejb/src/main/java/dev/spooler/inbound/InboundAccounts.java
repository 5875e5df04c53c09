package dev.spooler.inbound;

import dev.spooler.message.MailboxLocator;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the inbound accounts from configuration: {@code spooler.inbound.accounts} lists their
 * names, and {@code spooler.inbound.NAME.*} sets each one (protocol, host, port, user, password,
 * folder, mailbox, interval, batch-size, ssl-trust, timeout). An account that is not fully set is
 * left out with a log line saying what is missing; the others still run.
 */
@ApplicationScoped
public class InboundAccounts {

  private static final Logger LOG = Logger.getLogger(InboundAccounts.class.getName());

  public List<InboundAccount> configured() {
    Config config = ConfigProvider.getConfig();
    List<InboundAccount> accounts = new ArrayList<>();
    for (String name :
        config.getOptionalValue("spooler.inbound.accounts", String.class).orElse("").split(",")) {
      if (name.isBlank()) {
        continue;
      }
      try {
        accounts.add(read(config, name.strip()));
      } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
        LOG.severe(() -> "inbound account " + name.strip() + " is not used: " + e.getMessage());
      }
    }
    return accounts;
  }

  private static InboundAccount read(Config config, String name) {
    String prefix = "spooler.inbound." + name + ".";
    String protocol = config.getValue(prefix + "protocol", String.class).toLowerCase(Locale.ROOT);
    if (!InboundAccount.PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException(
          prefix + "protocol must be one of " + InboundAccount.PROTOCOLS + ", got " + protocol);
    }
    String mailbox =
        MailboxLocator.ownerOf(config.getValue(prefix + "mailbox", String.class))
            .orElseThrow(
                () -> new IllegalArgumentException(prefix + "mailbox is not a mailbox name"));
    int batch = config.getOptionalValue(prefix + "batch-size", Integer.class).orElse(200);
    Duration interval =
        config.getOptionalValue(prefix + "interval", Duration.class).orElse(Duration.ofMinutes(1));
    if (batch < 1 || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(prefix + "batch-size and interval must be positive");
    }
    return new InboundAccount(
        name,
        protocol,
        config.getValue(prefix + "host", String.class),
        config.getOptionalValue(prefix + "port", Integer.class).orElse(defaultPort(protocol)),
        config.getValue(prefix + "user", String.class),
        config.getValue(prefix + "password", String.class),
        config.getOptionalValue(prefix + "folder", String.class).orElse("INBOX"),
        mailbox,
        interval,
        batch,
        config.getOptionalValue(prefix + "ssl-trust", String.class).filter(s -> !s.isBlank()),
        config.getOptionalValue(prefix + "timeout", Duration.class).orElse(Duration.ofSeconds(30)));
  }

  private static int defaultPort(String protocol) {
    return switch (protocol) {
      case "imap" -> 143;
      case "imaps" -> 993;
      case "pop3" -> 110;
      default -> 995;
    };
  }

  static Optional<InboundAccount> named(List<InboundAccount> accounts, String name) {
    return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
  }
}
