package dev.spooler.notify;

import java.util.UUID;

/** The pre-process stage handed {@code count} recipients of a message to a transport. */
public record RecipientsRouted(UUID messageId, String transport, int count) {}
