package dev.spooler.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This spooler's mail domain ({@code spooler.domain}, default {@code localhost}), read in this one
 * place: the right-hand side of the Message-IDs it makes, the domain of its LOCAL users' e-mail
 * addresses, and the name it gives itself in trace headers and reports.
 */
@ApplicationScoped
public class SpoolerDomain {

  @Inject
  @ConfigProperty(name = "spooler.domain", defaultValue = "localhost")
  String name;

  public String name() {
    return name;
  }

  /** A new Message-ID in this domain, e.g. {@code <id@example.org>}. */
  public String messageId(Object id) {
    return "<" + id + "@" + name + ">";
  }
}
