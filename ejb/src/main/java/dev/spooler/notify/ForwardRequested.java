package dev.spooler.notify;

import java.util.List;
import java.util.UUID;

/**
 * An inbound rule asked to forward an arrived message from {@code mailbox} to {@code to}. Fired
 * synchronously in the filing transaction; the submit side turns it into a new submission.
 */
public record ForwardRequested(String mailbox, UUID messageId, List<String> to) {}
