package dev.spooler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spooler.message.Address;
import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.OutboundMessage;
import dev.spooler.message.OutboundMessages;
import dev.spooler.message.Priority;
import dev.spooler.message.Recipient;
import dev.spooler.message.RecipientKind;
import dev.spooler.message.RecipientStatus;
import dev.spooler.message.RecipientStatusChanged;
import dev.spooler.notify.RecipientDelayed;
import dev.spooler.queue.Dispatch;
import dev.spooler.queue.DispatchBatch;
import dev.spooler.queue.SpoolQueues;
import dev.spooler.report.DeliveryReports;
import dev.spooler.retry.BackoffSchedule;
import dev.spooler.retry.RetryPolicy;
import dev.spooler.retry.TransportCircuit;
import dev.spooler.retry.TransportCircuits;
import dev.spooler.testing.RecordedEvents;
import dev.spooler.transport.DeliveryOutcome;
import dev.spooler.transport.EnvelopeRecipient;
import dev.spooler.transport.Parcel;
import dev.spooler.transport.TransportProvider;
import dev.spooler.transport.TransportRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The transport stage's decisions with a fake provider: one outcome recorded per recipient, never a
 * rollback once the provider was called, retries scheduled from the recipient's own attempts.
 */
class DispatchServiceTest {

  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final String TOKEN = "token-1";

  private final Message message = new Message("SMTP:alice@example.org", "s", "b", "localhost", NOW);
  private final Recipient bob = recipient("SMTP:bob@example.net", 1L);
  private final Recipient carol = recipient("SMTP:carol@example.net", 2L);
  private final Recipient dave = recipient("SMTP:dave@example.net", 3L);
  private final Message other = new Message("SMTP:olga@example.org", "s2", "b2", "localhost", NOW);
  private final Recipient erin = recipient(other, "SMTP:erin@example.net", 4L);
  private final Recipient frank = recipient(other, "SMTP:frank@example.net", 5L);

  private final RecordedEvents<RecipientStatusChanged> changes = new RecordedEvents<>();
  private final List<Deferral> deferrals = new ArrayList<>();
  private final List<List<Dispatch>> deferredBatches = new ArrayList<>();
  private final FakeProvider provider = new FakeProvider();

  private record Deferral(Dispatch dispatch, Duration delay) {}

  @Test
  void eachRecipientGetsItsOwnOutcomeAndOnlyTheTransientOneIsRetried() {
    provider.answer =
        sent ->
            Map.of(
                bob.id(), DeliveryOutcome.delivered("2.0.0", "250 ok"),
                carol.id(), DeliveryOutcome.permanentFailure("5.1.1", "550 no such user"),
                dave.id(), DeliveryOutcome.transientFailure("4.2.1", "451 try later"));

    service().dispatch(dispatchFor(bob, carol, dave));

    assertThat(provider.sends).isEqualTo(1);
    assertThat(bob.status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(carol.status()).isEqualTo(RecipientStatus.FAILED);
    assertThat(dave.status()).isEqualTo(RecipientStatus.DEFERRED);
    assertThat(dave.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(changes.fired()).hasSize(3);
    assertThat(deferrals).hasSize(1);
    assertThat(deferrals.get(0).dispatch().recipientIds()).containsExactly(dave.id());
    assertThat(deferrals.get(0).delay()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aProviderThatAnswersForFewerRecipientsDefersTheOthersInsteadOfRollingBack() {
    // As SmtpRelay did when one address appeared twice: its outcomes were keyed by address.
    provider.answer = sent -> Map.of(bob.id(), DeliveryOutcome.delivered("2.0.0", "250 ok"));

    service().dispatch(dispatchFor(bob, carol));

    assertThat(provider.sends).isEqualTo(1);
    assertThat(bob.status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(carol.status()).isEqualTo(RecipientStatus.DEFERRED);
    assertThat(carol.statusCode()).isEqualTo("4.3.0");
    assertThat(carol.diagnostic()).contains("no outcome");
    assertThat(deferrals)
        .singleElement()
        .satisfies(d -> assertThat(d.dispatch().recipientIds()).containsExactly(carol.id()));
  }

  @Test
  void aProviderThatThrowsAfterSendingDefersEveryRecipientInsteadOfRollingBack() {
    provider.answer =
        sent -> {
          throw new IllegalStateException("connection pool broke after DATA");
        };

    service().dispatch(dispatchFor(bob, carol));

    assertThat(provider.sends).isEqualTo(1);
    assertThat(List.of(bob.status(), carol.status())).containsOnly(RecipientStatus.DEFERRED);
    assertThat(deferrals).hasSize(1);
  }

  @Test
  void outcomesForRecipientsNotInTheDispatchAreIgnored() {
    provider.answer =
        sent ->
            Map.of(
                bob.id(),
                DeliveryOutcome.delivered("2.0.0", "250 ok"),
                99L,
                DeliveryOutcome.delivered("2.0.0", "250 ok"));

    service().dispatch(dispatchFor(bob));

    assertThat(bob.status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(changes.fired()).hasSize(1);
  }

  @Test
  void aRecipientWaitingForAnotherDispatchIsNotSent() {
    bob.expectDispatch("a-newer-token", NOW);

    service().dispatch(dispatchFor(bob));

    assertThat(provider.sends).isZero();
    assertThat(changes.fired()).isEmpty();
  }

  @Test
  void theWaitBeforeARetryFollowsTheRecipientsOwnAttemptsNotTheDispatchs() {
    // Two failed attempts already: the third waits 5 → 10 → 20 minutes, whatever the dispatch says.
    bob.deferred("4.2.1", "451", NOW.minusSeconds(3600), NOW.minusSeconds(1800));
    bob.deferred("4.2.1", "451", NOW.minusSeconds(1800), NOW);
    provider.answer = sent -> Map.of(bob.id(), DeliveryOutcome.transientFailure("4.2.1", "451"));

    service().dispatch(new Dispatch(message.id(), "fake", List.of(bob.id()), 1, TOKEN));

    assertThat(bob.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
    assertThat(deferrals.get(0).delay()).isEqualTo(Duration.ofMinutes(20));
  }

  @Test
  void aMessagePastItsExpiryFailsWithoutBeingSent() {
    message.schedule(Priority.NORMAL, null, NOW.minusSeconds(1));

    service().dispatch(dispatchFor(bob));

    assertThat(provider.sends).isZero();
    assertThat(bob.status()).isEqualTo(RecipientStatus.FAILED);
    assertThat(bob.statusCode()).isEqualTo("4.4.7");
  }

  @Test
  void aBatchRecordsEachMembersMixedOutcomesAndSendsOnce() {
    provider.answer =
        sent ->
            Map.of(
                bob.id(), DeliveryOutcome.delivered("2.0.0", "250 ok"),
                carol.id(), DeliveryOutcome.permanentFailure("5.1.1", "550 no such user"),
                erin.id(), DeliveryOutcome.transientFailure("4.2.1", "451 try later"),
                frank.id(), DeliveryOutcome.delivered("2.0.0", "250 ok"));

    service().dispatch(batchOf(dispatchFor(bob, carol), dispatchFor(erin, frank)));

    assertThat(provider.batches).isEqualTo(1);
    assertThat(provider.sent).containsExactlyInAnyOrder(message.id(), other.id());
    assertThat(List.of(bob.status(), carol.status(), erin.status(), frank.status()))
        .containsExactly(
            RecipientStatus.DELIVERED,
            RecipientStatus.FAILED,
            RecipientStatus.DEFERRED,
            RecipientStatus.DELIVERED);
    assertThat(changes.fired()).hasSize(4);
    assertThat(deferrals)
        .singleElement()
        .satisfies(d -> assertThat(d.dispatch().recipientIds()).containsExactly(erin.id()));
  }

  @Test
  void aMemberWhoseSendThrowsIsDeferredAndTheOthersAreStillDelivered() {
    provider.throwFor = other.id();
    provider.answer = sent -> delivered(sent);

    service().dispatch(batchOf(dispatchFor(erin), dispatchFor(bob, carol)));

    assertThat(List.of(bob.status(), carol.status())).containsOnly(RecipientStatus.DELIVERED);
    assertThat(erin.status()).isEqualTo(RecipientStatus.DEFERRED);
    assertThat(erin.statusCode()).isEqualTo("4.3.0");
    assertThat(deferrals)
        .singleElement()
        .extracting(d -> d.dispatch().messageId())
        .isEqualTo(other.id());
  }

  @Test
  void aStaleMemberSendsNothingAndTheOthersGo() {
    erin.expectDispatch("a-newer-token", NOW);
    provider.answer = sent -> delivered(sent);

    service().dispatch(batchOf(dispatchFor(bob), dispatchFor(erin)));

    assertThat(provider.sent).containsExactly(message.id());
    assertThat(bob.status()).isEqualTo(RecipientStatus.DELIVERED);
    assertThat(erin.status()).isEqualTo(RecipientStatus.PENDING);
    assertThat(changes.fired()).hasSize(1);
  }

  @Test
  void aMemberAnsweredForFewerRecipientsDefersOnlyItsUnansweredOnes() {
    provider.answer =
        sent ->
            Map.of(
                bob.id(), DeliveryOutcome.delivered("2.0.0", "250 ok"),
                erin.id(), DeliveryOutcome.delivered("2.0.0", "250 ok"));

    service().dispatch(batchOf(dispatchFor(bob, carol), dispatchFor(erin)));

    assertThat(List.of(bob.status(), erin.status())).containsOnly(RecipientStatus.DELIVERED);
    assertThat(carol.status()).isEqualTo(RecipientStatus.DEFERRED);
    assertThat(carol.statusCode()).isEqualTo("4.3.0");
  }

  @Test
  void membersNotTriedBeforeTheBatchsTimeWasUpGoOnUnchangedWithoutAnAttempt() {
    provider.triedPerBatch = 1;
    provider.answer = sent -> delivered(sent);
    Dispatch first = dispatchFor(bob);
    Dispatch second = dispatchFor(erin, frank);

    service().dispatch(batchOf(first, second));

    // Members go in message-id order (the lock order): the one sent second was never tried.
    boolean bobFirst = provider.sent.get(0).equals(message.id());
    List<Recipient> sentTo = bobFirst ? List.of(bob) : List.of(erin, frank);
    List<Recipient> notTried = bobFirst ? List.of(erin, frank) : List.of(bob);
    assertThat(provider.sent).hasSize(1);
    assertThat(sentTo).allSatisfy(r -> assertThat(r.status()).isEqualTo(RecipientStatus.DELIVERED));
    assertThat(notTried)
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(RecipientStatus.PENDING))
        .allSatisfy(r -> assertThat(r.attempts()).isZero());
    assertThat(deferrals)
        .singleElement()
        .isEqualTo(new Deferral(bobFirst ? second : first, Duration.ZERO));
  }

  @Test
  void membersDeferredUntilTheSameTimeGoBackTogetherInOneBatch() {
    provider.answer =
        sent ->
            Map.of(
                bob.id(), DeliveryOutcome.transientFailure("4.2.1", "451"),
                erin.id(), DeliveryOutcome.transientFailure("4.2.1", "451"));

    service().dispatch(batchOf(dispatchFor(bob), dispatchFor(erin)));

    assertThat(deferredBatches).singleElement().satisfies(b -> assertThat(b).hasSize(2));
    assertThat(deferrals).allSatisfy(d -> assertThat(d.delay()).isEqualTo(Duration.ofMinutes(5)));
  }

  private static Map<Long, DeliveryOutcome> delivered(List<EnvelopeRecipient> sent) {
    Map<Long, DeliveryOutcome> outcomes = new HashMap<>();
    sent.forEach(r -> outcomes.put(r.id(), DeliveryOutcome.delivered("2.0.0", "250 ok")));
    return outcomes;
  }

  private static DispatchBatch batchOf(Dispatch... dispatches) {
    return new DispatchBatch("fake", List.of(dispatches));
  }

  private Dispatch dispatchFor(Recipient... recipients) {
    return new Dispatch(
        recipients[0].message().id(),
        "fake",
        List.of(recipients).stream().map(Recipient::id).toList(),
        1,
        TOKEN);
  }

  private Recipient recipient(String address, long id) {
    return recipient(message, address, id);
  }

  private static Recipient recipient(Message of, String address, long id) {
    Recipient recipient = of.addRecipient(Address.parse(address), RecipientKind.TO);
    try {
      var field = Recipient.class.getDeclaredField("id");
      field.setAccessible(true);
      field.set(recipient, id);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    recipient.assignTo("fake");
    recipient.expectDispatch(TOKEN, NOW);
    return recipient;
  }

  private DispatchService service() {
    BackoffSchedule backoff =
        new BackoffSchedule(
            Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(5), Duration.ofHours(4));
    TransportCircuit circuit = new TransportCircuit(Duration.ofSeconds(30), Duration.ofMinutes(2));
    return new DispatchService(
        new MessageRepository() {
          @Override
          public List<Recipient> lockRecipients(UUID messageId, Collection<Long> ids) {
            return findWithRecipients(messageId).orElseThrow().recipients().stream()
                .filter(r -> ids.contains(r.id()))
                .toList();
          }

          @Override
          public Optional<Message> findWithRecipients(UUID id) {
            return Stream.of(message, other).filter(m -> m.id().equals(id)).findFirst();
          }
        },
        new TransportRegistry() {
          @Override
          public Optional<TransportProvider> named(String name) {
            return Optional.of(provider);
          }
        },
        new SpoolQueues() {
          @Override
          public void dispatchesWereDeferred(
              Collection<Dispatch> dispatches, Priority priority, Duration delay) {
            dispatches.forEach(d -> deferrals.add(new Deferral(d, delay)));
            deferredBatches.add(List.copyOf(dispatches));
          }
        },
        new RetryPolicy(backoff),
        new TransportCircuits() {
          @Override
          public TransportCircuit of(String transport) {
            return circuit;
          }
        },
        changes,
        new RecordedEvents<RecipientDelayed>(),
        new OutboundMessages(),
        new DeliveryReports() {
          @Override
          public void afterDispatch(
              Message original, String key, List<Recipient> handled, List<Recipient> delayed) {}

          @Override
          public void afterDispatch(Message original, String key, List<Recipient> handled) {}

          @Override
          public void afterDispatch(
              Message original,
              String key,
              List<Recipient> handled,
              List<Recipient> delayed,
              Map<Long, Boolean> relayed) {}
        },
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** A transport provider whose answer each test chooses; counts its sends. */
  private static final class FakeProvider implements TransportProvider {
    Function<List<EnvelopeRecipient>, Map<Long, DeliveryOutcome>> answer = sent -> new HashMap<>();
    int sends;
    int batches;
    final List<UUID> sent = new ArrayList<>();
    UUID throwFor;
    int triedPerBatch = Integer.MAX_VALUE;

    @Override
    public List<Map<Long, DeliveryOutcome>> sendBatch(List<Parcel> parcels, Duration timeout) {
      batches++;
      // As a batch whose time ran out after triedPerBatch parcels: the rest never sent.
      return TransportProvider.super.sendBatch(
          parcels.subList(0, Math.min(parcels.size(), triedPerBatch)), timeout);
    }

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public Set<String> addressTypes() {
      return Set.of("SMTP");
    }

    @Override
    public Map<Long, DeliveryOutcome> send(
        OutboundMessage message, List<EnvelopeRecipient> recipients) {
      sends++;
      sent.add(message.id());
      if (message.id().equals(throwFor)) {
        throw new IllegalStateException("a bug in the provider for this message");
      }
      return answer.apply(recipients);
    }
  }
}
