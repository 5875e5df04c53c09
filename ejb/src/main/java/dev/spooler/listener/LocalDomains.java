package dev.spooler.listener;

import dev.spooler.message.MailboxLocator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The domains whose mail the spooler keeps itself ({@code spooler.local.domains}, default {@code
 * spooler.domain}): an address there names a local mailbox by its local part.
 */
record LocalDomains(Set<String> domains) {

  boolean isLocal(String address) {
    int at = address.lastIndexOf('@');
    return at > 0 && domains.contains(address.substring(at + 1).toLowerCase(Locale.ROOT));
  }

  /** The mailbox an address in a local domain names; empty if it is not local or names none. */
  Optional<String> mailbox(String address) {
    return isLocal(address)
        ? MailboxLocator.ownerOf(address.substring(0, address.lastIndexOf('@')))
        : Optional.empty();
  }
}
