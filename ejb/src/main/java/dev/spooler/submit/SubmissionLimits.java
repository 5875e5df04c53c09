package dev.spooler.submit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The size limits a channel can enforce before it parses a submission: a REST request body larger
 * than the largest message is refused unread.
 */
@ApplicationScoped
public class SubmissionLimits {

  @Inject
  @ConfigProperty(name = "spooler.limits.max-message-size", defaultValue = "10485760")
  private long maxMessageSize;

  /** The most bytes a submission's request body may have. */
  public long maxRequestBytes() {
    return maxMessageSize;
  }
}
