package dev.spooler.queue;

import java.util.List;

/**
 * The transport stage's unit of work: one stage message carrying the dispatches of many messages
 * for one transport, carried out and recorded in one transaction. The broker's fixed costs (a
 * receive, a two-phase commit, a transaction-log record) are paid once per batch, not once per
 * message; each member keeps its own token, so a member made stale still sends nothing.
 */
public record DispatchBatch(String transport, List<Dispatch> dispatches) {

  public DispatchBatch {
    dispatches = List.copyOf(dispatches);
    if (dispatches.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one dispatch");
    }
    for (Dispatch d : dispatches) {
      if (!d.transport().equals(transport)) {
        throw new IllegalArgumentException(
            "dispatch for " + d.transport() + " in a batch for " + transport);
      }
    }
  }

  /** A batch of one. */
  public static DispatchBatch of(Dispatch dispatch) {
    return new DispatchBatch(dispatch.transport(), List.of(dispatch));
  }

  public int size() {
    return dispatches.size();
  }
}
