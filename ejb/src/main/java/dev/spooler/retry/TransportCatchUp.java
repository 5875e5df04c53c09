package dev.spooler.retry;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Catch-up after an outage: when a transport's circuit closes, everything that waited on its system
 * goes at once, highest priority first, instead of at each recipient's next attempt (up to the
 * first retry interval away for the sends that failed, a probe interval for the ones that waited).
 * A pass runs on a timer of its own, after the closing send committed, so that the dispatch thread
 * goes on sending. A dispatch that saw the circuit still open while the pass ran waits again; a
 * second pass a moment later sends those on too, until a pass finds nothing (at most {@link
 * #MAX_PASSES}, so that a system that fails some sessions cannot keep it going).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // no state: passes may overlap harmlessly
public class TransportCatchUp {

  private static final Logger LOG = Logger.getLogger(TransportCatchUp.class.getName());

  /** Most messages one pass sends on; a pass that reaches it is followed by another. */
  static final int MAX_PER_PASS = 10_000;

  static final int MAX_PASSES = 5;

  /** Between passes: time for the dispatches that saw the circuit open to record their wait. */
  private static final long PAUSE_MILLIS = 1_000;

  @Inject private WaitingOnTransport waiting;
  @Inject private TransportCircuits circuits;
  @Inject private Clock clock;
  @Resource private TimerService timers;

  /** The pass of a catch-up: which transport, and how many passes came before. */
  record Pass(String transport, int number) implements Serializable {}

  public void circuitClosed(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) TransportReachableAgain event) {
    schedule(new Pass(event.transport(), 1), 0);
  }

  // No transaction of its own: one per message (WaitingOnTransport), so one failure spoils none.
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void pass(Timer timer) {
    Pass pass = (Pass) timer.getInfo();
    if (circuits.of(pass.transport()).state().open()) {
      return; // down again: its next closing starts a catch-up of its own
    }
    Instant now = clock.instant();
    SentOn sent =
        SentOn.each(
            waiting.messages(pass.transport(), now, MAX_PER_PASS),
            id -> waiting.sendOn(id, pass.transport(), now),
            "recipients waiting on " + pass.transport());
    if (sent.recipients() > 0) {
      LOG.info(
          () ->
              pass.transport()
                  + " answers again: "
                  + sent.recipients()
                  + " waiting recipients of "
                  + sent.messages()
                  + " messages sent on at once (pass "
                  + pass.number()
                  + ")");
      if (pass.number() < MAX_PASSES) {
        schedule(new Pass(pass.transport(), pass.number() + 1), PAUSE_MILLIS);
      }
    }
  }

  private void schedule(Pass pass, long delayMillis) {
    timers.createSingleActionTimer(delayMillis, new TimerConfig(pass, false));
  }
}
