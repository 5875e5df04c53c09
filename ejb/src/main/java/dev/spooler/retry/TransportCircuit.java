package dev.spooler.retry;

import java.time.Duration;
import java.time.Instant;

/**
 * A circuit breaker for one transport's messaging system. Closed: every dispatch is sent. Open (the
 * system stopped answering): one dispatch at a time probes it, every {@code probeInterval}; the
 * others wait their turn without counting an attempt. The first probe that gets through closes it,
 * and {@code onClose} is told, so that what waited on the system goes at once. An operator's "retry
 * now" makes the next probe due at once. Thread-safe; one per transport per node.
 */
public final class TransportCircuit {

  /** What the operator sees. */
  public record State(boolean open, Instant since) {}

  private final Duration probeInterval;
  private final Duration probeTimeout;
  private boolean open;
  private Instant since;
  private Instant nextProbeAt;
  private Instant probeStartedAt;
  private final Runnable onClose;

  public TransportCircuit(Duration probeInterval, Duration probeTimeout) {
    this(probeInterval, probeTimeout, () -> {});
  }

  /** {@code onClose} runs in the thread of the send that closed it, outside the circuit's lock. */
  public TransportCircuit(Duration probeInterval, Duration probeTimeout, Runnable onClose) {
    this.probeInterval = probeInterval;
    this.probeTimeout = probeTimeout;
    this.onClose = onClose;
  }

  /**
   * May a dispatch be sent now? Closed: yes. Open: only as the single probe, once the probe is due;
   * a probe that never reported back (its node or transaction died) is replaced after the timeout.
   */
  public synchronized boolean tryAcquire(Instant now) {
    if (!open) {
      return true;
    }
    boolean probeRunning =
        probeStartedAt != null && now.isBefore(probeStartedAt.plus(probeTimeout));
    if (probeRunning || now.isBefore(nextProbeAt)) {
      return false;
    }
    probeStartedAt = now;
    return true;
  }

  /** How long a dispatch that may not be sent now should wait before asking again. */
  public synchronized Duration waitFrom(Instant now) {
    if (!open) {
      return Duration.ZERO;
    }
    Instant next = nextProbeAt.isAfter(now) ? nextProbeAt : now.plus(probeInterval);
    return Duration.between(now, next);
  }

  /** The outcome of a send that {@link #tryAcquire} allowed. */
  public void record(boolean reachable, Instant now) {
    if (recordClosing(reachable, now)) {
      onClose.run();
    }
  }

  /** Records the outcome; true if it closed an open circuit. */
  private synchronized boolean recordClosing(boolean reachable, Instant now) {
    probeStartedAt = null;
    if (reachable) {
      boolean wasOpen = open;
      open = false;
      since = now;
      return wasOpen;
    }
    if (!open) {
      open = true;
      since = now;
    }
    nextProbeAt = now.plus(probeInterval);
    return false;
  }

  /**
   * The operator wants the system tried now: an open circuit lets the next dispatch probe at once
   * instead of at the probe interval (a probe already running is left to finish). Returns whether
   * the circuit is open.
   */
  public synchronized boolean probeNow(Instant now) {
    if (open && nextProbeAt.isAfter(now)) {
      nextProbeAt = now;
    }
    return open;
  }

  public synchronized State state() {
    return new State(open, since);
  }
}
