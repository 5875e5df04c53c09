package dev.spooler.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outcome of each inbound account's polls on this node, in memory (operators read it at {@code
 * GET /api/inbound/accounts}; readiness reports an account that keeps failing).
 */
@ApplicationScoped
public class InboundAccountLog {

  private final Map<String, InboundAccountStatus> accounts = new ConcurrentHashMap<>();

  /** An account that has not been polled yet. */
  void configured(InboundAccount account) {
    accounts.put(account.name(), InboundAccountStatus.configured(account));
  }

  void polled(InboundAccount account, AccountPoller.PollResult result, Instant at) {
    accounts.computeIfPresent(account.name(), (name, s) -> s.polled(at, result.stored()));
  }

  void failed(InboundAccount account, String error, Instant at) {
    accounts.computeIfPresent(account.name(), (name, s) -> s.failed(at, error));
  }

  /** Every configured account, by name. */
  public List<InboundAccountStatus> accounts() {
    return accounts.values().stream()
        .sorted(Comparator.comparing(InboundAccountStatus::name))
        .toList();
  }
}
