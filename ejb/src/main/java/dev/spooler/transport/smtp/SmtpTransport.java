package dev.spooler.transport.smtp;

import dev.spooler.message.Address;
import dev.spooler.message.OutboundMessage;
import dev.spooler.transport.DeliveryOutcome;
import dev.spooler.transport.EnvelopeRecipient;
import dev.spooler.transport.Parcel;
import dev.spooler.transport.TransportHealth;
import dev.spooler.transport.TransportProvider;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SMTP transport provider. The relay's host and port come from the server's mail session {@code
 * java:jboss/mail/Spooler} (system properties {@code spooler.smtp.host}, {@code
 * spooler.smtp.port}); STARTTLS, AUTH and the connection pool from {@code spooler.smtp.*}
 * configuration.
 */
@ApplicationScoped
public class SmtpTransport implements TransportProvider {

  public static final String NAME = "smtp";
  private static final Logger LOG = Logger.getLogger(SmtpTransport.class.getName());

  @Resource(lookup = "java:jboss/mail/Spooler")
  private Session mailSession;

  @Inject
  @ConfigProperty(name = "spooler.smtp.starttls", defaultValue = "OPPORTUNISTIC")
  private SmtpSettings.StartTls startTls;

  @Inject
  @ConfigProperty(name = "spooler.smtp.username")
  private Optional<String> username;

  @Inject
  @ConfigProperty(name = "spooler.smtp.password")
  private Optional<String> password;

  @Inject
  @ConfigProperty(name = "spooler.smtp.ssl-trust")
  private Optional<String> trustedHosts;

  @Inject
  @ConfigProperty(name = "spooler.smtp.pool-size", defaultValue = "8")
  private int poolSize;

  @Inject
  @ConfigProperty(name = "spooler.smtp.connect-timeout", defaultValue = "PT10S")
  private Duration connectTimeout;

  @Inject
  @ConfigProperty(name = "spooler.smtp.read-timeout", defaultValue = "PT60S")
  private Duration readTimeout;

  @Inject
  @ConfigProperty(
      name = "spooler.smtp.max-recipients-per-transaction",
      defaultValue = "" + SmtpSettings.DEFAULT_MAX_RECIPIENTS_PER_TRANSACTION)
  private int maxRecipientsPerTransaction;

  @Inject private Clock clock;

  private SmtpRelay relay;
  private volatile TransportHealth health = TransportHealth.unknown();

  @PostConstruct
  void connect() {
    SmtpSettings settings =
        new SmtpSettings(
            mailSession.getProperty("mail.smtp.host"),
            Integer.parseInt(mailSession.getProperty("mail.smtp.port")),
            startTls,
            username.filter(u -> !u.isBlank()),
            password.filter(p -> !p.isBlank()),
            trustedHosts.filter(h -> !h.isBlank()),
            poolSize,
            connectTimeout,
            readTimeout,
            maxRecipientsPerTransaction);
    LOG.info(() -> "SMTP transport relays to " + settings);
    relay = new SmtpRelay(settings);
  }

  @PreDestroy
  void disconnect() {
    relay.close();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> addressTypes() {
    return Set.of(Address.SMTP);
  }

  @Override
  public Map<Long, DeliveryOutcome> send(
      OutboundMessage message, List<EnvelopeRecipient> recipients) {
    Map<Long, DeliveryOutcome> outcomes = relay.send(message, recipients);
    observe(outcomes.values());
    return outcomes;
  }

  /** One connection per batch, its messages back to back (see {@link SmtpRelay#sendBatch}). */
  @Override
  public List<Map<Long, DeliveryOutcome>> sendBatch(List<Parcel> parcels, Duration timeout) {
    List<Map<Long, DeliveryOutcome>> answers = relay.sendBatch(parcels, timeout);
    observe(answers.stream().flatMap(a -> a.values().stream()).toList());
    return answers;
  }

  private void observe(Collection<DeliveryOutcome> outcomes) {
    boolean unreachable = outcomes.stream().anyMatch(DeliveryOutcome::isUnreachable);
    TransportHealth.State now = unreachable ? TransportHealth.State.DOWN : TransportHealth.State.UP;
    if (health.state() != now) {
      String detail =
          unreachable
              ? outcomes.stream()
                  .filter(DeliveryOutcome::isUnreachable)
                  .findFirst()
                  .map(DeliveryOutcome::diagnostic)
                  .orElse(null)
              : null;
      health = new TransportHealth(now, clock.instant(), detail);
    }
  }

  @Override
  public TransportHealth health() {
    return health;
  }
}
