package dev.spooler.inbound;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A remote mailbox the spooler fetches from, configured server-side: {@code protocol} is {@code
 * imap}, {@code imaps}, {@code pop3} or {@code pop3s}; what it fetches is filed in local mailbox
 * {@code mailbox}.
 */
public record InboundAccount(
    String name,
    String protocol,
    String host,
    int port,
    String user,
    String password,
    String folder,
    String mailbox,
    Duration interval,
    int batchSize,
    Optional<String> sslTrust,
    Duration timeout) {

  static final Set<String> PROTOCOLS = Set.of("imap", "imaps", "pop3", "pop3s");

  /** The jakarta.mail session properties for this account's store. */
  Properties sessionProperties() {
    Properties p = new Properties();
    String millis = Long.toString(timeout.toMillis());
    p.setProperty("mail." + protocol + ".connectiontimeout", millis);
    p.setProperty("mail." + protocol + ".timeout", millis);
    sslTrust.ifPresent(hosts -> p.setProperty("mail." + protocol + ".ssl.trust", hosts));
    return p;
  }

  @Override
  public String toString() {
    // never the password
    return name
        + " ("
        + protocol
        + "://"
        + user
        + "@"
        + host
        + ":"
        + port
        + "/"
        + folder
        + " → "
        + mailbox
        + ", every "
        + interval
        + ")";
  }
}
