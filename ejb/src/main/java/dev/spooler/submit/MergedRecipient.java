package dev.spooler.submit;

/**
 * A recipient named twice in one submission, kept once: {@code field} (e.g. {@code cc[0]}) named
 * {@code address}, the same mailbox as {@code sameAs} (e.g. {@code to[0]}), which was kept.
 */
public record MergedRecipient(String field, String address, String sameAs) {}
