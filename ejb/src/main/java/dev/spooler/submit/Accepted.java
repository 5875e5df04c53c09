package dev.spooler.submit;

import java.util.List;
import java.util.UUID;

/** The spooler took responsibility for a message: it is stored and queued. */
public record Accepted(UUID id, String messageId, int recipients, List<MergedRecipient> merged) {

  public Accepted {
    merged = List.copyOf(merged);
  }
}
