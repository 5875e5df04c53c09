package dev.spooler.retry;

import java.util.List;
import java.util.UUID;
import java.util.function.ToIntFunction;
import java.util.logging.Logger;

/** What a pass that sends messages' recipients on, one message at a time, did. */
record SentOn(int recipients, int messages) {

  private static final Logger LOG = Logger.getLogger(SentOn.class.getName());

  /**
   * Sends on each message's recipients with {@code sendOn} (its own transaction, returning how many
   * it sent on); a message that fails is logged and the others go on.
   */
  static SentOn each(List<UUID> messageIds, ToIntFunction<UUID> sendOn, String what) {
    int recipients = 0;
    int messages = 0;
    for (UUID id : messageIds) {
      try {
        int sent = sendOn.applyAsInt(id);
        recipients += sent;
        messages += sent > 0 ? 1 : 0;
      } catch (RuntimeException e) {
        LOG.warning(() -> what + " of message " + id + " not sent on: " + e);
      }
    }
    return new SentOn(recipients, messages);
  }
}
