package dev.spooler.transport;

import dev.spooler.message.Address;

/**
 * A recipient as a provider sees it: its id in the store, its typed address, and the reports its
 * sender asked for as DSN {@code NOTIFY} keywords (e.g. {@code SUCCESS,FAILURE} or {@code NEVER};
 * null when not known), for a provider that passes them on (RFC 3461).
 */
public record EnvelopeRecipient(long id, Address address, String notifyKeywords) {

  public EnvelopeRecipient(long id, Address address) {
    this(id, address, null);
  }
}
