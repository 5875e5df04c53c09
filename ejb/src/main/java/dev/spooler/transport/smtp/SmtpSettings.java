package dev.spooler.transport.smtp;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * How to reach one SMTP relay, parsed once: host and port, STARTTLS policy, optional AUTH
 * credentials, hosts trusted without a CA-signed certificate, the bound on pooled connections and
 * the socket timeouts, and how many recipients one SMTP transaction carries at most.
 */
public record SmtpSettings(
    String host,
    int port,
    StartTls startTls,
    Optional<String> username,
    Optional<String> password,
    Optional<String> trustedHosts,
    int poolSize,
    Duration connectTimeout,
    Duration readTimeout,
    int maxRecipientsPerTransaction) {

  /** Postfix's default ({@code smtp_destination_recipient_limit}). */
  public static final int DEFAULT_MAX_RECIPIENTS_PER_TRANSACTION = 50;

  /** Whether to upgrade the connection with STARTTLS. */
  public enum StartTls {
    /** Plain SMTP. */
    OFF,
    /** STARTTLS when the relay offers it (certificate not verified), plain otherwise. */
    OPPORTUNISTIC,
    /** STARTTLS with a verified certificate, or no delivery. */
    REQUIRED
  }

  public SmtpSettings {
    if (maxRecipientsPerTransaction < 1) {
      throw new IllegalArgumentException(
          "recipients per SMTP transaction must be at least 1, got " + maxRecipientsPerTransaction);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("SMTP pool size must be at least 1, got " + poolSize);
    }
    if (username.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("SMTP AUTH needs both a username and a password");
    }
  }

  /** Jakarta Mail session properties for this relay. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.put("mail.transport.protocol", "smtp");
    p.put("mail.smtp.host", host);
    p.put("mail.smtp.port", Integer.toString(port));
    // Deliver to the recipients the relay accepted even when it refused some of them.
    p.put("mail.smtp.sendpartial", "true");
    // TCP_NODELAY, so that pipelined commands leave at once (NoDelaySockets).
    p.put("mail.smtp.socketFactory", new NoDelaySockets());
    // A relay that hangs must become a transient failure, not a stuck stage.
    p.put("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
    p.put("mail.smtp.timeout", Long.toString(readTimeout.toMillis()));
    p.put("mail.smtp.writetimeout", Long.toString(readTimeout.toMillis()));
    p.put("mail.smtp.starttls.enable", Boolean.toString(startTls != StartTls.OFF));
    p.put("mail.smtp.starttls.required", Boolean.toString(startTls == StartTls.REQUIRED));
    p.put("mail.smtp.auth", Boolean.toString(username.isPresent()));
    if (startTls == StartTls.OPPORTUNISTIC && trustedHosts.isEmpty()) {
      // Opportunistic TLS as MTAs do it (RFC 7435): encrypt when offered, without authenticating
      // the relay, so a relay with a self-signed certificate still gets the mail, encrypted.
      p.put("mail.smtp.ssl.trust", "*");
      p.put("mail.smtp.ssl.checkserveridentity", "false");
    } else {
      // Hosts whose certificate is trusted without a CA chain (e.g. a relay with a self-signed
      // one).
      trustedHosts.ifPresent(hosts -> p.put("mail.smtp.ssl.trust", hosts));
      p.put("mail.smtp.ssl.checkserveridentity", "true");
    }
    return p;
  }

  @Override
  public String toString() {
    return "smtp://"
        + username.map(u -> u + ":****@").orElse("")
        + host
        + ":"
        + port
        + " starttls="
        + startTls
        + " pool="
        + poolSize
        + " max-recipients-per-transaction="
        + maxRecipientsPerTransaction;
  }
}
