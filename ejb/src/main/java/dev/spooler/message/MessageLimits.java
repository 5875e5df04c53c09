package dev.spooler.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The size and recipient limits of a message, read in this one place for every channel that
 * enforces them (REST before it reads a body, the validator, the size-limit hook, SMTP's SIZE):
 * {@code spooler.limits.max-message-size} (bytes, default 10 MiB) and {@code
 * spooler.limits.max-recipients} (default 1000).
 */
@ApplicationScoped
public class MessageLimits {

  @Inject
  @ConfigProperty(name = "spooler.limits.max-message-size", defaultValue = "10485760")
  long maxMessageBytes;

  @Inject
  @ConfigProperty(name = "spooler.limits.max-recipients", defaultValue = "1000")
  int maxRecipients;

  /** The most bytes a message (and so a submission's request body) may have. */
  public long maxMessageBytes() {
    return maxMessageBytes;
  }

  public int maxRecipients() {
    return maxRecipients;
  }
}
