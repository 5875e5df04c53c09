package dev.spooler.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spooler.security.Submitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AcceptBatcherTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  /**
   * A store that records the batches it is given, can be held (so that submissions pile up behind a
   * transaction) and fails every batch that holds a poisoned subject, as a constraint violation
   * rolls back the whole transaction.
   */
  private static final class FakeStore implements AcceptBatcher.Store {
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    volatile CountDownLatch hold = new CountDownLatch(0);
    final CountDownLatch entered = new CountDownLatch(1);

    @Override
    public List<SubmissionOutcome> storeAll(List<SubmissionRequest> requests) {
      entered.countDown();
      try {
        hold.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      List<String> subjects = requests.stream().map(r -> r.submission().subject()).toList();
      batches.add(subjects);
      if (subjects.contains("poison")) {
        throw new IllegalStateException("constraint violated by poison");
      }
      List<SubmissionOutcome> outcomes = new ArrayList<>();
      for (SubmissionRequest r : requests) {
        outcomes.add(
            new SubmissionOutcome.Taken(
                new Accepted(
                    UUID.randomUUID(), "<" + r.submission().subject() + ">", 1, List.of())));
      }
      return outcomes;
    }
  }

  private final FakeStore store = new FakeStore();
  private AcceptBatcher batcher;

  private void start(int batchSize, Duration wait, int capacity, int workers) {
    batcher = new AcceptBatcher(store, new AcceptSettings(batchSize, wait, capacity, workers));
    batcher.start(Thread::new);
  }

  @AfterEach
  void stop() {
    store.hold = new CountDownLatch(0);
    batcher.stop();
  }

  /** A first submission whose transaction is held open, so that the next ones pile up behind it. */
  private CompletableFuture<SubmissionOutcome> holdFirstBatch(String subject) throws Exception {
    store.hold = new CountDownLatch(1);
    CompletableFuture<SubmissionOutcome> first = batcher.submit(request(subject));
    assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();
    return first;
  }

  private static SubmissionRequest request(String subject) {
    return SubmissionRequest.by(
        new Submitter("alice", false),
        Submission.of("alice@example.org", List.of("bob@example.org"), null, null, subject, "b"));
  }

  private static String messageId(CompletableFuture<SubmissionOutcome> answer) {
    return answer.join().acceptedOrThrow().messageId();
  }

  @Test
  void aLoneSubmissionIsStoredAtOnceWithoutWaitingForCompany() {
    start(100, Duration.ofSeconds(30), 10, 1);

    CompletableFuture<SubmissionOutcome> answer = batcher.submit(request("alone"));

    // Far less than the 30 s batch wait: a lone submission does not wait for others.
    assertThat(answer).succeedsWithin(WAIT);
    assertThat(messageId(answer)).isEqualTo("<alone>");
    assertThat(store.batches).containsExactly(List.of("alone"));
  }

  @Test
  void submissionsArrivingDuringACommitAreStoredTogetherInTheNextBatch() throws Exception {
    start(100, Duration.ZERO, 100, 1);
    CompletableFuture<SubmissionOutcome> first = holdFirstBatch("first");

    List<CompletableFuture<SubmissionOutcome>> waiting = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      waiting.add(batcher.submit(request("m" + i)));
    }
    assertThat(waiting).noneMatch(CompletableFuture::isDone);
    store.hold.countDown();

    assertThat(first).succeedsWithin(WAIT);
    waiting.forEach(w -> assertThat(w).succeedsWithin(WAIT));
    assertThat(store.batches)
        .containsExactly(List.of("first"), List.of("m0", "m1", "m2", "m3", "m4"));
    for (int i = 0; i < 5; i++) {
      assertThat(messageId(waiting.get(i))).isEqualTo("<m" + i + ">");
    }
  }

  @Test
  void aBatchHoldsAtMostTheBatchSizeButNeverSplitsASubmittedGroup() throws Exception {
    start(3, Duration.ZERO, 100, 1);
    holdFirstBatch("first");
    List<CompletableFuture<SubmissionOutcome>> answers = new ArrayList<>();
    answers.addAll(batcher.submitAll(List.of(request("g0"), request("g1"))));
    answers.addAll(batcher.submitAll(List.of(request("h0"), request("h1"), request("h2"))));
    answers.add(batcher.submit(request("last")));
    store.hold.countDown();

    answers.forEach(a -> assertThat(a).succeedsWithin(WAIT));
    assertThat(store.batches)
        .containsExactly(List.of("first"), List.of("g0", "g1", "h0", "h1", "h2"), List.of("last"));
  }

  @Test
  void aPoisonedSubmissionFailsAloneAndTheOthersOfItsBatchAreStored() throws Exception {
    start(100, Duration.ZERO, 100, 1);
    holdFirstBatch("first");
    CompletableFuture<SubmissionOutcome> before = batcher.submit(request("before"));
    CompletableFuture<SubmissionOutcome> poison = batcher.submit(request("poison"));
    CompletableFuture<SubmissionOutcome> after = batcher.submit(request("after"));
    store.hold.countDown();

    assertThat(messageId(before)).isEqualTo("<before>");
    assertThat(messageId(after)).isEqualTo("<after>");
    assertThatThrownBy(poison::join)
        .isInstanceOf(CompletionException.class)
        .hasRootCauseMessage("constraint violated by poison");
    // The batch failed whole; then each was tried in a transaction of its own.
    assertThat(store.batches)
        .containsExactly(
            List.of("first"),
            List.of("before", "poison", "after"),
            List.of("before"),
            List.of("poison"),
            List.of("after"));
  }

  @Test
  void aFullQueueRefusesNewSubmissionsUntilItsStoredOnesAreAnswered() throws Exception {
    start(100, Duration.ZERO, 3, 1);
    List<CompletableFuture<SubmissionOutcome>> taken = new ArrayList<>();
    taken.add(holdFirstBatch("a"));
    taken.add(batcher.submit(request("b")));
    taken.add(batcher.submit(request("c")));

    assertThatThrownBy(() -> batcher.submit(request("d")))
        .isInstanceOf(AcceptOverloadedException.class)
        .satisfies(
            e -> assertThat(((AcceptOverloadedException) e).retryAfterSeconds()).isPositive());
    // A group is queued whole or not at all.
    assertThatThrownBy(() -> batcher.submitAll(List.of(request("e"), request("f"))))
        .isInstanceOf(AcceptOverloadedException.class);

    store.hold.countDown();
    taken.forEach(t -> assertThat(t).succeedsWithin(WAIT));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(batcher.submit(request("g"))).succeedsWithin(WAIT));
    assertThat(store.batches.stream().flatMap(List::stream))
        .containsExactlyInAnyOrder("a", "b", "c", "g")
        .doesNotContain("d", "e", "f");
  }

  @Test
  void aBatchThatFoundCompanyWaitsForMoreUpToTheBatchWait() throws Exception {
    start(100, Duration.ofSeconds(3), 100, 1);
    holdFirstBatch("first");
    List<CompletableFuture<SubmissionOutcome>> answers = new ArrayList<>();
    answers.add(batcher.submit(request("x0")));
    answers.add(batcher.submit(request("x1")));
    store.hold.countDown();
    // Arrives while the second batch is still gathering (x0 and x1 found each other).
    await().pollDelay(Duration.ofMillis(50)).atMost(WAIT).until(() -> store.batches.size() == 1);
    answers.add(batcher.submit(request("x2")));

    answers.forEach(a -> assertThat(a).succeedsWithin(WAIT));
    assertThat(store.batches).containsExactly(List.of("first"), List.of("x0", "x1", "x2"));
  }

  @Test
  void stoppingAnswersTheQueuedSubmissionsAsOverloadWithNothingStored() throws Exception {
    start(100, Duration.ZERO, 100, 1);
    CompletableFuture<SubmissionOutcome> storing = holdFirstBatch("storing");
    CompletableFuture<SubmissionOutcome> queued = batcher.submit(request("queued"));

    Thread stopper = new Thread(batcher::stop);
    stopper.start();
    await().atMost(WAIT).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
    store.hold.countDown();
    stopper.join(WAIT.toMillis());

    assertThat(messageId(storing)).isEqualTo("<storing>");
    assertThatThrownBy(queued::join).hasCauseInstanceOf(AcceptOverloadedException.class);
    assertThatThrownBy(() -> batcher.submit(request("late")))
        .isInstanceOf(AcceptOverloadedException.class);
  }
}
