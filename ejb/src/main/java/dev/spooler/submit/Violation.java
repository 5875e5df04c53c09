package dev.spooler.submit;

/** One thing wrong with a submission: the field (e.g. {@code to[1]}) and why. */
public record Violation(String field, String reason) {}
