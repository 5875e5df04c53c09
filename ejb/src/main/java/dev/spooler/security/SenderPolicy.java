package dev.spooler.security;

import dev.spooler.message.Address;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which From addresses a principal may submit with: its own local address ({@code LOCAL:name}),
 * those granted in configuration ({@code spooler.senders.NAME=pattern,...}, read at each check so
 * that a server property change needs no redeploy), and those an administrator granted through
 * {@code /api/admin/senders}.
 */
@ApplicationScoped
public class SenderPolicy {

  static final String CONFIG_PREFIX = "spooler.senders.";

  @PersistenceContext private EntityManager em;

  public boolean mayUse(String principal, Address from) {
    if ("LOCAL".equals(from.type()) && from.value().equals(principal)) {
      return true;
    }
    // The configuration first: it needs no query, and it decides most submissions.
    return configured(principal).stream().anyMatch(pattern -> pattern.matches(from))
        || granted(principal).stream().anyMatch(pattern -> pattern.matches(from));
  }

  /** The patterns the server's configuration grants to {@code principal}. */
  public List<SenderPattern> configured(String principal) {
    return ConfigProvider.getConfig()
        .getOptionalValue(CONFIG_PREFIX + principal, String.class)
        .map(
            value ->
                Arrays.stream(value.split(","))
                    .filter(s -> !s.isBlank())
                    .map(SenderPattern::parse)
                    .toList())
        .orElse(List.of());
  }

  List<SenderPattern> granted(String principal) {
    return grants(principal).stream().map(SenderGrant::pattern).toList();
  }

  List<SenderGrant> grants(String principal) {
    return em.createQuery(
            "select g from SenderGrant g where g.principal = :principal order by g.id",
            SenderGrant.class)
        .setParameter("principal", principal)
        .getResultList();
  }
}
