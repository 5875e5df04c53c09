package dev.spooler.transport;

import dev.spooler.message.Address;

/** A recipient as a provider sees it: its id in the store and its typed address. */
public record EnvelopeRecipient(long id, Address address) {}
