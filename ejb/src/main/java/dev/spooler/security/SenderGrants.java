package dev.spooler.security;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** An administrator's view of sender grants: list, grant, revoke. */
@Stateless
@RolesAllowed("admin")
public class SenderGrants {

  @Inject private SenderPolicy policy;
  @Inject private Clock clock;
  @PersistenceContext private EntityManager em;
  @Resource private SessionContext session;

  /** What {@code principal} may send as: granted here, and (read-only) from configuration. */
  public Grants of(String principal) {
    return new Grants(
        principal,
        "LOCAL:" + principal,
        policy.grants(principal).stream()
            .map(g -> new Grant(g.pattern().toString(), g.grantedAt(), g.grantedBy()))
            .toList(),
        policy.configured(principal).stream().map(SenderPattern::toString).toList());
  }

  /** Grants {@code pattern} to {@code principal}; granting it again changes nothing. */
  public Grants grant(String principal, SenderPattern pattern) {
    boolean known = policy.grants(principal).stream().anyMatch(g -> g.pattern().equals(pattern));
    if (!known) {
      em.persist(
          new SenderGrant(
              principal, pattern, clock.instant(), session.getCallerPrincipal().getName()));
      em.flush();
    }
    return of(principal);
  }

  /** Revokes {@code pattern}; true if it was granted. */
  public boolean revoke(String principal, SenderPattern pattern) {
    List<SenderGrant> matching =
        policy.grants(principal).stream().filter(g -> g.pattern().equals(pattern)).toList();
    matching.forEach(em::remove);
    return !matching.isEmpty();
  }

  public record Grant(String pattern, Instant grantedAt, String grantedBy) {}

  public record Grants(
      String principal, String own, List<Grant> granted, List<String> configured) {}
}
