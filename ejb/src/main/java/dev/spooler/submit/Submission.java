package dev.spooler.submit;

import java.util.List;

/**
 * A message as a client submits it: the same JSON shape over REST, JMS and the facade. Addresses
 * are MAPI-style typed ({@code SMTP:alice@example.org}, {@code LOCAL:bob}) or bare e-mail
 * addresses.
 */
public record Submission(
    String from, List<String> to, List<String> cc, List<String> bcc, String subject, String body) {}
