package dev.spooler.transport.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spooler.message.Address;
import dev.spooler.message.OutboundMessage;
import dev.spooler.message.ReturnOfContent;
import dev.spooler.testing.ScriptedSmtpServer;
import dev.spooler.testing.ScriptedSmtpServer.Transaction;
import dev.spooler.testing.SelfSignedCertificate;
import dev.spooler.transport.DeliveryOutcome;
import dev.spooler.transport.DeliveryOutcome.Handover;
import dev.spooler.transport.DeliveryOutcome.Kind;
import dev.spooler.transport.EnvelopeRecipient;
import dev.spooler.transport.Parcel;
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
  void answersReceivedBeforeA421StandAndOnlyTheRestAreDeferred() {
    List<String> mailboxes = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      mailboxes.add("user" + i + "@example.org");
      if (i <= 20) {
        server.replyToRecipient("user" + i + "@example.org", "554 5.7.1 relay access denied");
      }
    }
    server.endSessionAfterRecipients(20, "421 4.7.0 scripted Error: too many errors");
    relay = relay(settings(server.port(), 1));

    Map<Long, DeliveryOutcome> outcomes =
        relay.send(message(), recipients(mailboxes.toArray(String[]::new)));

    for (long id = 1; id <= 20; id++) {
      assertThat(outcomes.get(id).kind()).isEqualTo(Kind.PERMANENT_FAILURE);
      assertThat(outcomes.get(id).statusCode()).isEqualTo("5.7.1");
    }
    for (long id = 21; id <= 25; id++) {
      assertThat(outcomes.get(id).kind()).isEqualTo(Kind.TRANSIENT_FAILURE);
      assertThat(outcomes.get(id).statusCode()).isEqualTo("4.7.0");
    }
    assertThat(server.transactions()).isEmpty();
  }

  @Test
  void recipientsAcceptedBeforeTheSessionEndedAreDeferredNotDelivered() {
    server.replyToRecipient("carol@example.org", "550 5.1.1 user unknown");
    server.endSessionAfterRecipients(2, "421 4.7.0 closing");
    relay = relay(settings(server.port(), 1));

    Map<Long, DeliveryOutcome> outcomes =
        relay.send(
            message(), recipients("bob@example.org", "carol@example.org", "dave@example.org"));

    assertThat(outcomes.get(1L).kind()).isEqualTo(Kind.TRANSIENT_FAILURE);
    assertThat(outcomes.get(2L).statusCode()).isEqualTo("5.1.1");
    assertThat(outcomes.get(3L).kind()).isEqualTo(Kind.TRANSIENT_FAILURE);
    assertThat(server.transactions()).isEmpty();
  }

  @Test
  void largeRecipientListGoesInTransactionsOfAtMostTheConfiguredSize() {
    relay = relay(settings(server.port(), 1));
    String[] mailboxes = new String[120];
    for (int i = 0; i < mailboxes.length; i++) {
      mailboxes[i] = "user" + i + "@example.org";
    }

    Map<Long, DeliveryOutcome> outcomes = relay.send(message(), recipients(mailboxes));

    assertThat(outcomes).hasSize(120);
    assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.kind()).isEqualTo(Kind.DELIVERED));
    assertThat(server.transactions())
        .extracting(t -> t.recipients().size())
        .containsExactly(50, 50, 20);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void transactionsAfterTheRelayEndedTheSessionWaitForTheNextAttempt() {
    server.endSessionAfterRecipients(3, "421 4.7.0 closing");
    relay = relay(settings(server.port(), 1, 2));

    Map<Long, DeliveryOutcome> outcomes =
        relay.send(
            message(),
            recipients(
                "a@example.org",
                "b@example.org",
                "c@example.org",
                "d@example.org",
                "e@example.org"));

    assertThat(outcomes.get(1L).kind()).isEqualTo(Kind.DELIVERED);
    assertThat(outcomes.get(2L).kind()).isEqualTo(Kind.DELIVERED);
    for (long id = 3; id <= 5; id++) {
      assertThat(outcomes.get(id).kind()).isEqualTo(Kind.TRANSIENT_FAILURE);
      assertThat(outcomes.get(id).statusCode()).isEqualTo("4.7.0");
    }
    assertThat(server.transactions()).singleElement();
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void internationalAddressGoesInUtf8WithSmtpUtf8AndItsDomainAsAnALabel() {
    server.advertise("SMTPUTF8", "8BITMIME");
    relay = relay(settings(server.port(), 1));

    Map<Long, DeliveryOutcome> outcomes =
        relay.send(message(), recipients("jürgen@exämple.net", "bob@bücher.example"));

    assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.kind()).isEqualTo(Kind.DELIVERED));
    assertThat(server.commands())
        .contains(
            "MAIL FROM:<alice@example.org> SMTPUTF8",
            "RCPT TO:<jürgen@xn--exmple-cua.net>",
            "RCPT TO:<bob@xn--bcher-kva.example>");
  }

  @Test
  void internationalLocalPartFailsWith567WhenTheRelayHasNoSmtpUtf8AndTheOthersGo() {
    relay = relay(settings(server.port(), 1));

    Map<Long, DeliveryOutcome> outcomes =
        relay.send(message(), recipients("jürgen@example.net", "bob@bücher.example"));

    assertThat(outcomes.get(1L).kind()).isEqualTo(Kind.PERMANENT_FAILURE);
    assertThat(outcomes.get(1L).statusCode()).isEqualTo("5.6.7");
    assertThat(outcomes.get(2L).kind()).isEqualTo(Kind.DELIVERED);
    assertThat(server.commands())
        .contains("MAIL FROM:<alice@example.org>", "RCPT TO:<bob@xn--bcher-kva.example>")
        .noneMatch(c -> c.contains("rgen"));
  }

  @Test
  void asciiMessageIsSentWithoutSmtpUtf8EvenWhenOffered() {
    server.advertise("SMTPUTF8");
    relay = relay(settings(server.port(), 1));

    relay.send(message(), recipients("bob@example.org"));

    assertThat(server.commands()).contains("MAIL FROM:<alice@example.org>");
  }

  @Test
  void internationalSenderIsDeliveredThroughAnSmtpUtf8Relay() {
    server.advertise("SMTPUTF8");
    relay = relay(settings(server.port(), 1));

    Map<Long, DeliveryOutcome> outcomes =
        relay.send(
            message("jürgen@exämple.net"), recipients("bob@example.org", "carol@example.org"));

    assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.kind()).isEqualTo(Kind.DELIVERED));
    assertThat(server.commands()).contains("MAIL FROM:<jürgen@xn--exmple-cua.net> SMTPUTF8");
    assertThat(server.transactions().get(0).data()).contains("jürgen@");
  }

  @Test
  void dsnRequestsTravelToANextHopThatOffersDsnAndItReportsInsteadOfUs() {
    server.advertise("DSN");
    relay = relay(settings(server.port(), 1));

    Map<Long, DeliveryOutcome> outcomes =
        relay.send(
            message("alice@example.org", "env+42", ReturnOfContent.HDRS),
            List.of(
                new EnvelopeRecipient(1, Address.parse("bob@example.org"), "SUCCESS,FAILURE"),
                new EnvelopeRecipient(2, Address.parse("carol@example.org"), null)));

    assertThat(server.commands())
        .contains(
            "MAIL FROM:<alice@example.org> RET=HDRS ENVID=env+2B42",
            "RCPT TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.org",
            "RCPT TO:<carol@example.org> ORCPT=rfc822;carol@example.org");
    assertThat(outcomes.values())
        .allSatisfy(o -> assertThat(o.handover()).isEqualTo(Handover.RELAYED_WITH_DSN));
  }

  @Test
  void withoutDsnAtTheNextHopNothingIsAddedAndTheDeliveryIsRelayed() {
    relay = relay(settings(server.port(), 1));

    Map<Long, DeliveryOutcome> outcomes =
        relay.send(
            message("alice@example.org", "env-42", ReturnOfContent.FULL),
            List.of(new EnvelopeRecipient(1, Address.parse("bob@example.org"), "SUCCESS")));

    assertThat(server.commands())
        .contains("MAIL FROM:<alice@example.org>", "RCPT TO:<bob@example.org>");
    assertThat(outcomes.get(1L).handover()).isEqualTo(Handover.RELAYED);
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
  void withPipeliningTheRecipientsLeaveWithMailFromAndEachKeepsItsOwnReply() {
    server.advertise("PIPELINING").watchForPipelining();
    server.replyToRecipient("carol@example.org", "550 5.1.1 <carol@example.org>: user unknown");
    relay = relay(settings(server.port(), 2));

    Map<Long, DeliveryOutcome> outcomes =
        relay.send(
            message(), recipients("bob@example.org", "carol@example.org", "dave@example.org"));

    assertThat(server.pipelinedAfterMailFrom()).containsExactly(true);
    assertThat(outcomes.get(1L).kind()).isEqualTo(Kind.DELIVERED);
    assertThat(outcomes.get(2L).statusCode()).isEqualTo("5.1.1");
    assertThat(outcomes.get(3L).kind()).isEqualTo(Kind.DELIVERED);
    assertThat(server.transactions())
        .singleElement()
        .extracting(Transaction::recipients)
        .isEqualTo(List.of("bob@example.org", "dave@example.org"));
  }

  @Test
  void withoutPipeliningOfferedEachCommandWaitsForItsReply() {
    server.watchForPipelining();
    relay = relay(settings(server.port(), 2));

    relay.send(message(), recipients("bob@example.org", "carol@example.org"));

    assertThat(server.pipelinedAfterMailFrom()).containsExactly(false);
    assertThat(server.transactions()).hasSize(1);
  }

  @Test
  void aRefusedSenderWithPipeliningLeavesTheRepliesUnreadSoTheConnectionIsNotReused() {
    server.advertise("PIPELINING");
    server.replyToMailFrom("550 5.7.1 sender refused");
    relay = relay(settings(server.port(), 2));

    Map<Long, DeliveryOutcome> refused =
        relay.send(message(), recipients("bob@example.org", "carol@example.org"));
    server.replyToMailFrom("250 2.1.0 Ok");
    Map<Long, DeliveryOutcome> next = relay.send(message(), recipients("dave@example.org"));

    assertThat(refused.values()).allSatisfy(o -> assertThat(o.statusCode()).isEqualTo("5.7.1"));
    // Had the connection been reused, dave's RCPT would have read an old reply of the refused one.
    assertThat(next.get(1L).kind()).isEqualTo(Kind.DELIVERED);
    assertThat(server.transactions())
        .singleElement()
        .extracting(Transaction::recipients)
        .isEqualTo(List.of("dave@example.org"));
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aBatchGoesOverOneConnectionWithoutANoopBetweenItsMessages() {
    server.advertise("PIPELINING");
    relay = relay(settings(server.port(), 2));
    List<Parcel> parcels = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      parcels.add(new Parcel(message(), recipients("bob@example.org")));
    }

    List<Map<Long, DeliveryOutcome>> answers = relay.sendBatch(parcels, Duration.ofMinutes(1));

    assertThat(answers)
        .hasSize(4)
        .allSatisfy(a -> assertThat(a.get(1L).kind()).isEqualTo(Kind.DELIVERED));
    assertThat(server.transactions()).hasSize(4);
    assertThat(server.connections()).isEqualTo(1);
    assertThat(server.commands()).noneMatch(c -> c.startsWith("NOOP"));
  }

  @Test
  void aBatchStopsTryingWhenItsTimeIsUpAndSaysWhichWereNotTried() {
    server.delayEachMessage(Duration.ofMillis(300));
    relay = relay(settings(server.port(), 2));
    List<Parcel> parcels = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      parcels.add(new Parcel(message(), recipients("bob@example.org")));
    }

    List<Map<Long, DeliveryOutcome>> answers = relay.sendBatch(parcels, Duration.ofMillis(100));

    // The first is always tried; after it the 100 ms are gone, and the rest were never sent.
    assertThat(answers).hasSize(1);
    assertThat(server.transactions()).hasSize(1);
  }

  @Test
  void anUnreachableRelayFailsTheRestOfTheBatchWithoutDiallingForEach() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    relay = relay(settings(closedPort, 2));
    List<Parcel> parcels =
        List.of(
            new Parcel(message(), recipients("bob@example.org")),
            new Parcel(message(), recipients("carol@example.org")));

    List<Map<Long, DeliveryOutcome>> answers = relay.sendBatch(parcels, Duration.ofMinutes(1));

    assertThat(answers).hasSize(2);
    assertThat(answers)
        .allSatisfy(a -> assertThat(a.get(1L).statusCode()).isEqualTo("4.4.1"))
        .allSatisfy(a -> assertThat(a.get(1L).diagnostic()).contains("cannot talk to relay"));
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
                Duration.ofSeconds(5),
                SmtpSettings.DEFAULT_MAX_RECIPIENTS_PER_TRANSACTION));

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
    int maxRecipients = SmtpSettings.DEFAULT_MAX_RECIPIENTS_PER_TRANSACTION;
    return new SmtpSettings(
        "127.0.0.1",
        server.port(),
        mode,
        Optional.empty(),
        Optional.empty(),
        trusted,
        1,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        maxRecipients);
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
    return settings(port, poolSize, SmtpSettings.DEFAULT_MAX_RECIPIENTS_PER_TRANSACTION);
  }

  private static SmtpSettings settings(int port, int poolSize, int maxRecipients) {
    return new SmtpSettings(
        "127.0.0.1",
        port,
        SmtpSettings.StartTls.OFF,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        poolSize,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        maxRecipients);
  }

  private static OutboundMessage message() {
    return message("alice@example.org");
  }

  private static OutboundMessage message(String from) {
    return message(from, null);
  }

  private static OutboundMessage message(String from, String envelopeId) {
    return message(from, envelopeId, null);
  }

  private static OutboundMessage message(String from, String envelopeId, ReturnOfContent ret) {
    return new OutboundMessage(
        UUID.randomUUID(),
        "<fixed-id@example.org>",
        Address.parse(from),
        from,
        List.of(Address.parse("bob@example.org")),
        List.of(),
        "Hello",
        "Hi Bob",
        Instant.parse("2026-11-25T10:00:00Z"),
        null,
        envelopeId,
        ret);
  }

  private static List<EnvelopeRecipient> recipients(String... mailboxes) {
    List<EnvelopeRecipient> recipients = new ArrayList<>();
    for (int i = 0; i < mailboxes.length; i++) {
      recipients.add(new EnvelopeRecipient(i + 1, Address.parse(mailboxes[i])));
    }
    return recipients;
  }
}
