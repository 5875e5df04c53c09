package dev.spooler.listener;

import dev.spooler.message.Address;
import dev.spooler.message.MailboxRepository;
import dev.spooler.security.SenderPolicy;
import dev.spooler.security.Submitter;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;
import org.wildfly.security.auth.server.RealmIdentity;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;
import org.wildfly.security.auth.server.ServerAuthenticationContext;
import org.wildfly.security.authz.Roles;
import org.wildfly.security.evidence.PasswordGuessEvidence;

/**
 * The server's application users as the listener sees them: SMTP AUTH is checked against the
 * deployment's Elytron security domain (the same users and roles as REST), and a local recipient
 * exists when it has a mailbox or is such a user.
 */
@Stateless
public class ApplicationUsers {

  @Inject private SenderPolicy senders;
  @Inject private MailboxRepository mailboxes;

  /** The user as a submitter, when the password is right and it may submit (role sender). */
  public Optional<Submitter> authenticate(String name, String password) {
    ServerAuthenticationContext context = domain().createNewAuthenticationContext();
    try {
      context.setAuthenticationName(name);
      if (!context.exists()
          || !context.verifyEvidence(new PasswordGuessEvidence(password.toCharArray()))
          || !context.authorize()) {
        context.fail();
        return Optional.empty();
      }
      context.succeed();
      SecurityIdentity identity = context.getAuthorizedIdentity();
      Roles roles = identity.getRoles();
      boolean admin = roles.contains("admin");
      if (!roles.contains("sender") && !admin) {
        return Optional.empty();
      }
      return Optional.of(new Submitter(identity.getPrincipal().getName(), admin));
    } catch (RealmUnavailableException | IllegalArgumentException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code mailbox} names a local user: one with a mailbox, or an application user. */
  public boolean isLocalUser(String mailbox) {
    if (mailboxes.find(mailbox).isPresent()) {
      return true;
    }
    try {
      RealmIdentity identity = domain().getIdentity(mailbox);
      try {
        return identity.exists();
      } finally {
        identity.dispose();
      }
    } catch (RealmUnavailableException e) {
      throw new IllegalStateException("the security realm is unavailable", e);
    }
  }

  /** REST's sender rights ({@link SenderPolicy}); administrators may use any From. */
  public boolean mayUse(Submitter submitter, Address from) {
    return submitter.anyFrom() || senders.mayUse(submitter.principal(), from);
  }

  private static SecurityDomain domain() {
    SecurityDomain domain = SecurityDomain.getCurrent();
    if (domain == null) {
      throw new IllegalStateException("this deployment has no Elytron security domain");
    }
    return domain;
  }
}
