package dev.spooler.listener;

import dev.spooler.inbound.InboundReceiver;
import dev.spooler.message.MessageLimits;
import dev.spooler.message.SpoolerDomain;
import dev.spooler.submit.AcceptQueue;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.internal.command.AuthCommand;
import org.subethamail.smtp.internal.command.StartTLSCommand;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * Starts the two SMTP listeners with the application and stops them at undeploy. Sessions run on
 * threads of the server's ManagedThreadFactory (the application's class loader and naming context,
 * which the EJB calls and the security domain need); the server bounds their number.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SmtpListeners {

  private static final Logger LOG = Logger.getLogger(SmtpListeners.class.getName());

  @Resource private ManagedThreadFactory threads;
  @EJB private AcceptQueue accepting;
  @EJB private InboundReceiver receiver;
  @EJB private ApplicationUsers users;
  @Inject private SpoolerDomain domain;
  @Inject private MessageLimits limits;

  private final List<SMTPServer> running = new ArrayList<>();
  private ExecutorService sessions;

  @PostConstruct
  void start() {
    ListenerSettings settings = ListenerSettings.read(ConfigProvider.getConfig(), domain, limits);
    if (!settings.submission().enabled() && !settings.mx().enabled()) {
      return;
    }
    sessions =
        new ThreadPoolExecutor(
            0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    Optional<StartTls> tls = startTls(settings);
    TraceHeaders trace = new TraceHeaders(settings.hostName(), domain.name());
    if (settings.submission().enabled()) {
      if (tls.isEmpty()) {
        LOG.severe(
            "SMTP submission listener not started: AUTH needs STARTTLS, and there is no key store at "
                + settings.keystore()
                + " (spooler.listener.tls.keystore)");
      } else {
        Listener submission =
            new Listener(
                "submission",
                true,
                true,
                new SubmissionDrop(accepting, users, settings.localDomains()),
                guard(settings),
                settings,
                trace);
        start(submission, settings.submission().port(), tls);
      }
    }
    if (settings.mx().enabled()) {
      Listener mx =
          new Listener(
              "MX",
              false,
              tls.isPresent(),
              new MxDrop(receiver, users, settings.localDomains()),
              guard(settings),
              settings,
              trace);
      start(mx, settings.mx().port(), tls);
    }
  }

  private static SessionGuard guard(ListenerSettings settings) {
    return new SessionGuard(settings.maxConnectionsPerAddress(), settings.maxBadCommands());
  }

  private static Optional<StartTls> startTls(ListenerSettings settings) {
    try {
      return StartTls.fromKeyStore(settings.keystore(), settings.keystorePassword());
    } catch (IOException | GeneralSecurityException e) {
      LOG.log(Level.SEVERE, "SMTP listener key store " + settings.keystore() + " unusable", e);
      return Optional.empty();
    }
  }

  private void start(Listener listener, int port, Optional<StartTls> tls) {
    ListenerSettings settings = listener.settings();
    if (isTheRelay(settings, port)) {
      LOG.warning(
          "SMTP "
              + listener.name()
              + " listener not started: port "
              + port
              + " is the SMTP transport's relay (spooler.smtp.host/port), and the spooler"
              + " would send its outbound mail to itself; move one of them");
      return;
    }
    SMTPServer.Builder builder =
        SMTPServer.port(port)
            .hostName(settings.hostName())
            .softwareName("Spooler")
            .executorService(sessions)
            .maxConnections(settings.maxConnections())
            .connectionTimeoutMs((int) settings.commandTimeout().toMillis())
            .maxRecipients(settings.maxRecipients())
            .maxMessageSize(settings.sizeLimit())
            .sessionHandler(listener.guard())
            .messageHandlerFactory(context -> new SmtpTransaction())
            .serverThreadName("SMTP " + listener.name() + " listener");
    try {
      builder.bindAddress(InetAddress.getByName(settings.bindAddress()));
    } catch (IOException e) {
      LOG.severe(
          "SMTP "
              + listener.name()
              + " listener not started: bind address "
              + settings.bindAddress()
              + " unknown");
      return;
    }
    if (tls.isPresent()) {
      builder.enableTLS().startTlsSocketFactory(tls.get());
    }
    if (listener.submission()) {
      builder.authenticationHandlerFactory(
          new EasyAuthenticationHandlerFactory(
              (name, password, context) -> {
                SessionState state = listener.guard().state((Session) context);
                var submitter = users.authenticate(name, password);
                if (submitter.isEmpty()) {
                  state.refused();
                  throw new LoginFailedException();
                }
                state.authenticated(submitter.get());
              }));
    }
    SMTPServer server = builder.build();
    install(server.getCommandHandler(), listener);
    try {
      server.start();
    } catch (RuntimeException e) {
      if (e.getCause() instanceof BindException taken) {
        LOG.warning(
            "SMTP "
                + listener.name()
                + " listener not started: port "
                + port
                + " on "
                + settings.bindAddress()
                + " is taken or not permitted ("
                + taken.getMessage()
                + ")");
        return;
      }
      throw e;
    }
    running.add(server);
    LOG.info("SMTP " + listener.name() + " listener on " + settings.bindAddress() + ":" + port);
  }

  /** Whether the SMTP transport's relay is this listener: a loop, not a relay. */
  private static boolean isTheRelay(ListenerSettings settings, int port) {
    var config = ConfigProvider.getConfig();
    if (config.getOptionalValue("spooler.smtp.port", Integer.class).orElse(25) != port) {
      return false;
    }
    try {
      InetAddress relay =
          InetAddress.getByName(
              config.getOptionalValue("spooler.smtp.host", String.class).orElse("localhost"));
      return relay.isLoopbackAddress()
          || relay.isAnyLocalAddress()
          || relay.equals(InetAddress.getByName(settings.bindAddress()));
    } catch (IOException unknown) {
      return false;
    }
  }

  /** The listener's commands in place of the library's (which lack ESMTP parameters). */
  private static void install(CommandHandler commands, Listener listener) {
    SessionGuard guard = listener.guard();
    List<Command> own =
        List.of(
            new EhloCommand("EHLO", listener),
            new EhloCommand("HELO", listener),
            new MailCommand(listener),
            new RcptCommand(listener),
            new DataCommand(listener),
            new StartTLSCommand(),
            new AuthCommand(),
            new FixedReplyCommand("RSET", "250 2.0.0 Reset", guard),
            new FixedReplyCommand("NOOP", "250 2.0.0 OK", guard),
            new FixedReplyCommand("QUIT", "221 2.0.0 Bye", guard),
            new FixedReplyCommand(
                "VRFY", "252 2.5.0 Cannot verify the user, but will take a message for it", guard),
            new FixedReplyCommand("EXPN", "502 5.5.1 EXPN is not offered", guard),
            new FixedReplyCommand("HELP", "214 2.0.0 See RFC 5321", guard),
            new FixedReplyCommand("BDAT", "502 5.5.1 CHUNKING is not offered, use DATA", guard));
    for (Command command : own) {
      commands.addCommand(new GuardedCommand(command, listener));
    }
  }

  @PreDestroy
  void stop() {
    for (SMTPServer server : running) {
      server.stop();
    }
    running.clear();
    if (sessions != null) {
      sessions.shutdownNow();
    }
  }
}
