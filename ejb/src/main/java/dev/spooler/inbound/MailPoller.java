package dev.spooler.inbound;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Polls every configured inbound account on an EJB timer of its own. Timers are not persistent:
 * they are re-created from configuration at each start. A poll of an account never overlaps the
 * previous one, and never holds a transaction across network I/O (each message commits on its own,
 * see {@link AccountPoller}).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailPoller {

  private static final Logger LOG = Logger.getLogger(MailPoller.class.getName());

  @Resource private TimerService timers;
  @Inject private InboundAccounts configuration;
  @Inject private AccountPoller poller;
  @Inject private InboundAccountLog log;

  private List<InboundAccount> accounts = List.of();
  private final Map<String, Boolean> reachable = new ConcurrentHashMap<>();

  @PostConstruct
  void schedule() {
    accounts = configuration.configured();
    for (InboundAccount account : accounts) {
      log.configured(account);
      scheduleNext(account);
      LOG.info(() -> "inbound account " + account);
    }
  }

  @Timeout
  void poll(Timer timer) {
    InboundAccounts.named(accounts, (String) timer.getInfo())
        .ifPresent(
            account -> {
              try {
                pollNow(account);
              } finally {
                scheduleNext(account);
              }
            });
  }

  private void scheduleNext(InboundAccount account) {
    timers.createSingleActionTimer(
        account.interval().toMillis(), new TimerConfig(account.name(), false));
  }

  private void pollNow(InboundAccount account) {
    try {
      AccountPoller.PollResult result = poller.poll(account);
      log.polled(account, result, Instant.now());
      if (reachable.put(account.name(), Boolean.TRUE) != Boolean.TRUE) {
        LOG.info(() -> "inbound " + account.name() + " is reachable");
      }
      if (result.stored() + result.duplicates() + result.left() > 0) {
        LOG.fine(() -> "inbound " + account.name() + ": " + result);
      }
    } catch (MessagingException | RuntimeException e) {
      log.failed(account, e.getMessage(), Instant.now());
      // Log when the account becomes unreachable, not at every poll while it stays so.
      Level level =
          reachable.put(account.name(), Boolean.FALSE) != Boolean.FALSE
              ? Level.WARNING
              : Level.FINE;
      LOG.log(level, "inbound " + account.name() + " cannot be polled: " + e.getMessage());
    }
  }
}
