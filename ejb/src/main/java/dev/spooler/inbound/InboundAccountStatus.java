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

  /** An account that has not been polled yet. */
  static InboundAccountStatus configured(InboundAccount account) {
    return new InboundAccountStatus(
        account.name(),
        account.protocol(),
        account.host(),
        account.port(),
        account.folder(),
        account.mailbox(),
        account.interval().toSeconds(),
        null,
        null,
        null,
        null,
        0,
        0);
  }

  /** After a poll at {@code at} that stored {@code stored} messages: the failure streak ends. */
  InboundAccountStatus polled(Instant at, int stored) {
    return withPoll(at, at, lastError, lastErrorAt, 0, messagesFetched + stored);
  }

  /** After a poll at {@code at} that failed with {@code error}. */
  InboundAccountStatus failed(Instant at, String error) {
    return withPoll(at, lastSuccessAt, error, at, failuresInARow + 1, messagesFetched);
  }

  private InboundAccountStatus withPoll(
      Instant pollAt,
      Instant successAt,
      String error,
      Instant errorAt,
      int failures,
      long fetched) {
    return new InboundAccountStatus(
        name,
        protocol,
        host,
        port,
        folder,
        mailbox,
        intervalSeconds,
        pollAt,
        successAt,
        error,
        errorAt,
        failures,
        fetched);
  }

  /** True when the account has failed {@code threshold} polls in a row or more. */
  public boolean keepsFailing(int threshold) {
    return failuresInARow >= threshold;
  }
}
