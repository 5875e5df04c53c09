package dev.spooler.transport.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spooler.message.Address;
import dev.spooler.message.OutboundMessage;
import dev.spooler.testing.ScriptedSmtpServer;
import dev.spooler.testing.ScriptedSmtpServer.Transaction;
import dev.spooler.testing.SelfSignedCertificate;
import dev.spooler.transport.DeliveryOutcome;
import dev.spooler.transport.DeliveryOutcome.Kind;
import dev.spooler.transport.EnvelopeRecipient;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmtpRelayTest {

  private ScriptedSmtpServer server;
  private SmtpRelay relay;

  @BeforeEach
  void startServer() throws Exception {
    server = new ScriptedSmtpServer(0);
  }

  @AfterEach
  void stop() throws Exception {
    if (relay != null) {
      relay.close();
    }
    server.close();
  }

  @Test
  void oneRejectedRecipientFailsOnlyThatRecipient() {
    server.replyToRecipient("bob@example.org", "550 5.1.1 <bob@example.org>: user unknown");
    relay = relay(settings(server.port(), 2));

    Map<Long, DeliveryOutcome> outcomes =
        relay.send(
            message(), recipients("bob@example.org", "carol@example.org", "dave@example.org"));

    assertThat(outcomes.get(1L).kind()).isEqualTo(Kind.PERMANENT_FAILURE);
    assertThat(outcomes.get(1L).statusCode()).isEqualTo("5.1.1");
    assertThat(outcomes.get(1L).diagnostic()).contains("user unknown");
    assertThat(outcomes.get(2L).kind()).isEqualTo(Kind.DELIVERED);
    assertThat(outcomes.get(3L).kind()).isEqualTo(Kind.DELIVERED);
    assertThat(server.transactions())
        .singleElement()
        .extracting(Transaction::recipients)
        .isEqualTo(List.of("carol@example.org", "dave@example.org"));
  }

  @Test
  void greylistedRecipientIsTransientAndTheOthersAreDelivered() {
    server.replyToRecipient("bob@example.org", "451 4.7.1 greylisted, try later");
    relay = relay(settings(server.port(), 2));

    Map<Long, DeliveryOutcome> outcomes =
        relay.send(message(), recipients("bob@example.org", "carol@example.org"));

    assertThat(outcomes.get(1L).kind()).isEqualTo(Kind.TRANSIENT_FAILURE);
    assertThat(outcomes.get(1L).statusCode()).isEqualTo("4.7.1");
    assertThat(outcomes.get(2L).kind()).isEqualTo(Kind.DELIVERED);
  }

  @Test
  void refusedSenderFailsEveryRecipientWithTheServersReply() {
    server.replyToMailFrom("451 4.3.0 try again later");
    relay = relay(settings(server.port(), 2));

    Map<Long, DeliveryOutcome> outcomes =
        relay.send(message(), recipients("bob@example.org", "carol@example.org"));

    assertThat(outcomes.values())
        .allSatisfy(o -> assertThat(o.statusCode()).isEqualTo("4.3.0"))
        .allSatisfy(o -> assertThat(o.kind()).isEqualTo(Kind.TRANSIENT_FAILURE));
    assertThat(server.transactions()).isEmpty();
  }

  @Test
  void unreachableRelayIsATransientConnectionFailure() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    relay = relay(settings(closedPort, 2));

    Map<Long, DeliveryOutcome> outcomes = relay.send(message(), recipients("bob@example.org"));

    assertThat(outcomes.get(1L).kind()).isEqualTo(Kind.TRANSIENT_FAILURE);
    assertThat(outcomes.get(1L).statusCode()).isEqualTo("4.4.1");
    assertThat(outcomes.get(1L).diagnostic()).contains("cannot talk to relay");
  }

  @Test
  void connectionIsReusedAcrossMessages() {
    relay = relay(settings(server.port(), 2));

    for (int i = 0; i < 5; i++) {
      assertThat(relay.send(message(), recipients("bob@example.org")).get(1L).kind())
          .isEqualTo(Kind.DELIVERED);
    }

    assertThat(server.transactions()).hasSize(5);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void concurrentSendsNeverOpenMoreConnectionsThanThePoolSize() throws Exception {
    relay = relay(settings(server.port(), 2));
    ExecutorService senders = Executors.newFixedThreadPool(6);
    try {
      List<Future<Map<Long, DeliveryOutcome>>> sends = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        sends.add(senders.submit(() -> relay.send(message(), recipients("bob@example.org"))));
      }
      for (Future<Map<Long, DeliveryOutcome>> send : sends) {
        assertThat(send.get().get(1L).kind()).isEqualTo(Kind.DELIVERED);
      }
    } finally {
      senders.shutdownNow();
    }

    assertThat(server.transactions()).hasSize(24);
    assertThat(server.connections()).isBetween(1, 2);
  }

  @Test
  void authenticatesWithTheConfiguredCredentials() {
    server.requireAuth("spooler", "s3cret");
    relay =
        relay(
            new SmtpSettings(
                "127.0.0.1",
                server.port(),
                SmtpSettings.StartTls.OFF,
                Optional.of("spooler"),
                Optional.of("s3cret"),
                Optional.empty(),
                1,
                Duration.ofSeconds(5),
                Duration.ofSeconds(5)));

    assertThat(relay.send(message(), recipients("bob@example.org")).get(1L).kind())
        .isEqualTo(Kind.DELIVERED);
    assertThat(server.transactions())
        .singleElement()
        .extracting(Transaction::user)
        .isEqualTo("spooler");
  }

  @Test
  void relayThatRequiresAuthRefusesAnAnonymousSpoolerPermanently() {
    server.requireAuth("spooler", "s3cret");
    relay = relay(settings(server.port(), 1));

    DeliveryOutcome outcome = relay.send(message(), recipients("bob@example.org")).get(1L);

    assertThat(outcome.kind()).isEqualTo(Kind.PERMANENT_FAILURE);
    assertThat(outcome.diagnostic()).contains("530");
  }

  @Test
  void requiredStartTlsUpgradesTheSessionBeforeTheMessage() throws Exception {
    server.offerStartTls(SelfSignedCertificate.serverContext());
    relay = relay(tls(SmtpSettings.StartTls.REQUIRED, Optional.of("127.0.0.1")));

    assertThat(relay.send(message(), recipients("bob@example.org")).get(1L).kind())
        .isEqualTo(Kind.DELIVERED);
    assertThat(server.transactions()).singleElement().extracting(Transaction::tls).isEqualTo(true);
  }

  @Test
  void opportunisticStartTlsEncryptsWithASelfSignedRelay() throws Exception {
    server.offerStartTls(SelfSignedCertificate.serverContext());
    relay = relay(tls(SmtpSettings.StartTls.OPPORTUNISTIC, Optional.empty()));

    assertThat(relay.send(message(), recipients("bob@example.org")).get(1L).kind())
        .isEqualTo(Kind.DELIVERED);
    assertThat(server.transactions()).singleElement().extracting(Transaction::tls).isEqualTo(true);
  }

  @Test
  void opportunisticStartTlsSendsInPlainWhenNotOffered() {
    relay = relay(tls(SmtpSettings.StartTls.OPPORTUNISTIC, Optional.empty()));

    assertThat(relay.send(message(), recipients("bob@example.org")).get(1L).kind())
        .isEqualTo(Kind.DELIVERED);
    assertThat(server.transactions()).singleElement().extracting(Transaction::tls).isEqualTo(false);
  }

  @Test
  void requiredStartTlsRefusesARelayThatDoesNotOfferIt() {
    relay = relay(tls(SmtpSettings.StartTls.REQUIRED, Optional.of("127.0.0.1")));

    DeliveryOutcome outcome = relay.send(message(), recipients("bob@example.org")).get(1L);

    assertThat(outcome.kind()).isEqualTo(Kind.TRANSIENT_FAILURE);
    assertThat(server.transactions()).isEmpty();
  }

  @Test
  void untrustedCertificateIsNotAccepted() throws Exception {
    server.offerStartTls(SelfSignedCertificate.serverContext());
    relay = relay(tls(SmtpSettings.StartTls.REQUIRED, Optional.empty()));

    assertThat(relay.send(message(), recipients("bob@example.org")).get(1L).kind())
        .isEqualTo(Kind.TRANSIENT_FAILURE);
    assertThat(server.transactions()).isEmpty();
  }

  private SmtpSettings tls(SmtpSettings.StartTls mode, Optional<String> trusted) {
    return new SmtpSettings(
        "127.0.0.1",
        server.port(),
        mode,
        Optional.empty(),
        Optional.empty(),
        trusted,
        1,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5));
  }

  @Test
  void bccRecipientIsInTheEnvelopeButNotInTheHeaders() {
    relay = relay(settings(server.port(), 1));

    relay.send(message(), recipients("bob@example.org", "eve@example.org"));

    Transaction sent = server.transactions().get(0);
    assertThat(sent.recipients()).containsExactly("bob@example.org", "eve@example.org");
    assertThat(sent.data()).contains("To: bob@example.org").doesNotContain("eve@example.org");
    assertThat(sent.data()).containsIgnoringCase("Message-ID: <fixed-id@example.org>");
  }

  private static SmtpRelay relay(SmtpSettings settings) {
    return new SmtpRelay(settings);
  }

  private static SmtpSettings settings(int port, int poolSize) {
    return new SmtpSettings(
        "127.0.0.1",
        port,
        SmtpSettings.StartTls.OFF,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        poolSize,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5));
  }

  private static OutboundMessage message() {
    return new OutboundMessage(
        UUID.randomUUID(),
        "<fixed-id@example.org>",
        Address.parse("alice@example.org"),
        "alice@example.org",
        List.of(Address.parse("bob@example.org")),
        List.of(),
        "Hello",
        "Hi Bob",
        Instant.parse("2026-11-25T10:00:00Z"),
        null);
  }

  private static List<EnvelopeRecipient> recipients(String... mailboxes) {
    List<EnvelopeRecipient> recipients = new ArrayList<>();
    for (int i = 0; i < mailboxes.length; i++) {
      recipients.add(new EnvelopeRecipient(i + 1, Address.parse(mailboxes[i])));
    }
    return recipients;
  }
}
