package dev.spooler.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a provider sends: the message's store id, content and visible headers. {@code to} and {@code
 * cc} are the header recipients of the whole message (BCC recipients never appear), not the
 * envelope. {@code from} is null for a report, whose {@code returnPath} (the SMTP envelope sender)
 * is empty: the null reverse path. {@code mime}, when not null, is the message as it must be sent
 * (reports, messages submitted as MIME); the other content fields then only describe it. {@code
 * envelopeId} is the sender's RFC 3461 ENVID, or null; {@code ret} its RET, or null.
 */
public record OutboundMessage(
    UUID id,
    String messageIdHeader,
    Address from,
    String returnPath,
    List<Address> to,
    List<Address> cc,
    String subject,
    String body,
    Instant submittedAt,
    byte[] mime,
    String envelopeId,
    ReturnOfContent ret) {}
