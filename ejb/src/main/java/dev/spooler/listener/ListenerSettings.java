package dev.spooler.listener;

import dev.spooler.message.MessageLimits;
import dev.spooler.message.SpoolerDomain;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * The listener's settings, read once at start. Ports follow the server's port offset ({@code
 * jboss.socket.binding.port-offset}), as WildFly's own sockets do.
 */
record ListenerSettings(
    Endpoint submission,
    Endpoint mx,
    String bindAddress,
    String hostName,
    int maxConnections,
    int maxConnectionsPerAddress,
    Duration commandTimeout,
    Duration dataTimeout,
    int maxBadCommands,
    int maxRecipients,
    long maxMessageSize,
    String keystore,
    String keystorePassword,
    LocalDomains localDomains) {

  /** One listener: whether it runs and its port (the offset already added). */
  record Endpoint(boolean enabled, int port) {}

  static ListenerSettings read(Config config, SpoolerDomain spoolerDomain, MessageLimits limits) {
    int offset =
        config.getOptionalValue("jboss.socket.binding.port-offset", Integer.class).orElse(0);
    String domain = spoolerDomain.name();
    String domains = config.getOptionalValue("spooler.local.domains", String.class).orElse(domain);
    String configDir = config.getOptionalValue("jboss.server.config.dir", String.class).orElse(".");
    return new ListenerSettings(
        new Endpoint(
            bool(config, "spooler.listener.submission.enabled", true),
            offset + integer(config, "spooler.listener.submission.port", 587)),
        new Endpoint(
            bool(config, "spooler.listener.mx.enabled", true),
            offset + integer(config, "spooler.listener.mx.port", 25)),
        config
            .getOptionalValue("spooler.listener.bind-address", String.class)
            .or(() -> config.getOptionalValue("jboss.bind.address", String.class))
            .orElse("127.0.0.1"),
        config.getOptionalValue("spooler.listener.host-name", String.class).orElse(domain),
        integer(config, "spooler.listener.max-connections", 100),
        integer(config, "spooler.listener.max-connections-per-address", 10),
        duration(config, "spooler.listener.command-timeout", "PT5M"),
        duration(config, "spooler.listener.data-timeout", "PT10M"),
        integer(config, "spooler.listener.max-bad-commands", 10),
        limits.maxRecipients(),
        limits.maxMessageBytes(),
        config
            .getOptionalValue("spooler.listener.tls.keystore", String.class)
            .orElse(configDir + "/spooler-smtp.p12"),
        config
            .getOptionalValue("spooler.listener.tls.password", String.class)
            .orElse("spooler-dev"),
        new LocalDomains(
            Arrays.stream(domains.split(","))
                .map(d -> d.strip().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty())
                .collect(Collectors.toUnmodifiableSet())));
  }

  private static boolean bool(Config config, String name, boolean fallback) {
    return config.getOptionalValue(name, Boolean.class).orElse(fallback);
  }

  private static int integer(Config config, String name, int fallback) {
    return config.getOptionalValue(name, Integer.class).orElse(fallback);
  }

  private static Duration duration(Config config, String name, String fallback) {
    return Duration.parse(config.getOptionalValue(name, String.class).orElse(fallback));
  }

  /** The SIZE the listeners announce and enforce: the spooler's limit, within an int. */
  int sizeLimit() {
    return (int) Math.min(Integer.MAX_VALUE - 1, maxMessageSize);
  }
}
