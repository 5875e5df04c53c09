package dev.spooler.retry;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code spooler.dispatch.sweep-interval}, sends on the recipients whose stage message has
 * not been taken within {@code spooler.dispatch.lease} of being due (see {@link
 * StrandedRecipients}). Every node sweeps; the row locks make two sweeps of one recipient, or a
 * sweep and its sending dispatch, take turns. A backlog older than the lease costs stale dispatches
 * that send nothing, never a second send. A non-persistent timer: a sweep missed while the server
 * was down happens at the first one after it starts.
 */
@Singleton
@Startup
public class StrandedRecipientSweep {

  private static final Logger LOG = Logger.getLogger(StrandedRecipientSweep.class.getName());

  /** Most messages one sweep sends on; the rest wait for the next sweep. */
  private static final int MAX_PER_SWEEP = 500;

  @Inject
  @ConfigProperty(name = "spooler.dispatch.lease", defaultValue = "PT15M")
  Duration lease;

  @Inject
  @ConfigProperty(name = "spooler.dispatch.sweep-interval", defaultValue = "PT1M")
  Duration interval;

  @Inject private StrandedRecipients stranded;
  @Inject private Clock clock;
  @Resource private TimerService timers;

  @PostConstruct
  void schedule() {
    timers.createIntervalTimer(
        interval.toMillis(), interval.toMillis(), new TimerConfig("stranded-recipients", false));
  }

  // No transaction of its own: one per message (StrandedRecipients), so one failure spoils none.
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void sweep() {
    Instant now = clock.instant();
    Instant cutoff = now.minus(lease);
    String why =
        "sent on afresh: its stage message was not taken within " + lease + " of being due";
    SentOn sent =
        SentOn.each(
            stranded.messagesWaitingSince(cutoff, MAX_PER_SWEEP),
            id -> stranded.sendOn(id, cutoff, now, why),
            "stranded recipients");
    if (sent.recipients() > 0) {
      LOG.warning(
          () ->
              sent.recipients()
                  + " recipients of "
                  + sent.messages()
                  + " messages waited past the lease; sent on afresh");
    }
  }
}
