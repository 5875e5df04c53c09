package dev.spooler.transport;

import dev.spooler.routing.Address;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a provider sends: the message's store id, content and visible headers. {@code to} and {@code
 * cc} are the header recipients of the whole message (BCC recipients never appear), not the
 * envelope.
 */
public record OutboundMessage(
    UUID id,
    String messageIdHeader,
    Address from,
    List<Address> to,
    List<Address> cc,
    String subject,
    String body,
    Instant submittedAt) {}
