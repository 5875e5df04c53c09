package dev.spooler.inbound;

import java.time.Instant;

/**
 * How an inbound account's polls went on this node since it started: when it was last polled, last
 * polled without error, the last error and when, how many polls in a row have failed, and how many
 * messages it has filed. Never the password.
 */
public record InboundAccountStatus(
    String name,
    String protocol,
    String host,
    int port,
    String folder,
    String mailbox,
    long intervalSeconds,
    Instant lastPollAt,
    Instant lastSuccessAt,
    String lastError,
    Instant lastErrorAt,
    int failuresInARow,
    long messagesFetched) {

  /** True when the account has failed {@code threshold} polls in a row or more. */
  public boolean keepsFailing(int threshold) {
    return failuresInARow >= threshold;
  }
}
