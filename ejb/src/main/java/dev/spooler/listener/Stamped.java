package dev.spooler.listener;

/** A received message with its trace headers, and the Message-ID it carries (kept or added). */
record Stamped(byte[] bytes, String messageId) {}
