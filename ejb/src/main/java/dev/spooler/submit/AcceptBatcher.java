package dev.spooler.submit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: submissions that arrive while a transaction is being committed wait in a bounded
 * queue and are stored together by the next one, so that a transaction's fixed cost (broker prepare
 * and commit, database commit, transaction log) is paid once per batch. Each submission's future
 * completes only after the transaction holding it committed (202 still means durable). When a batch
 * fails, each of its submissions is tried again alone, so one bad submission never fails the others
 * and gets its own answer.
 */
public final class AcceptBatcher {

  /** Stores submissions in one transaction, with an outcome per submission, in order. */
  @FunctionalInterface
  public interface Store {
    List<SubmissionOutcome> storeAll(List<SubmissionRequest> requests);
  }

  private static final Logger LOG = Logger.getLogger(AcceptBatcher.class.getName());

  /** Submissions handed in together: stored in the same transaction, never split. */
  private record Job(
      List<SubmissionRequest> requests, List<CompletableFuture<SubmissionOutcome>> answers) {}

  private final Store store;
  private final AcceptSettings settings;
  private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  // Counts submissions queued or being stored: the bound on memory and on the client's wait.
  private final Semaphore room;
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running;

  public AcceptBatcher(Store store, AcceptSettings settings) {
    this.store = store;
    this.settings = settings;
    this.room = new Semaphore(settings.capacity());
  }

  public void start(ThreadFactory threads) {
    running = true;
    for (int i = 0; i < settings.workers(); i++) {
      Thread worker = threads.newThread(this::work);
      worker.setName("spooler-accept-" + i);
      workers.add(worker);
      worker.start();
    }
  }

  /**
   * Stops taking submissions; those still queued are answered with overload (nothing of them was
   * stored), a batch being stored finishes (a worker is never interrupted inside a transaction).
   */
  public void stop() {
    running = false;
    for (Thread worker : workers) {
      try {
        worker.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    Job left;
    while ((left = queue.poll()) != null) {
      for (CompletableFuture<SubmissionOutcome> answer : left.answers()) {
        answer.completeExceptionally(new AcceptOverloadedException("the server is stopping", 5));
      }
    }
  }

  /** One submission; its future completes after its transaction committed (or failed). */
  public CompletableFuture<SubmissionOutcome> submit(SubmissionRequest request) {
    return submitAll(List.of(request)).get(0);
  }

  /**
   * Submissions stored in one transaction, a future for each, in order.
   *
   * @throws AcceptOverloadedException when the queue has no room for all of them: none is queued
   */
  public List<CompletableFuture<SubmissionOutcome>> submitAll(List<SubmissionRequest> requests) {
    if (requests.isEmpty()) {
      return List.of();
    }
    if (!running) {
      throw new AcceptOverloadedException("the server is not accepting now", 5);
    }
    if (!room.tryAcquire(requests.size())) {
      throw new AcceptOverloadedException(
          "accepting is behind: "
              + settings.capacity()
              + " submissions are waiting to be stored (spooler.accept.capacity)",
          1);
    }
    List<CompletableFuture<SubmissionOutcome>> answers = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      CompletableFuture<SubmissionOutcome> answer = new CompletableFuture<>();
      answer.whenComplete((outcome, failure) -> room.release());
      answers.add(answer);
    }
    queue.add(new Job(List.copyOf(requests), List.copyOf(answers)));
    return answers;
  }

  private void work() {
    while (running) {
      Job first;
      try {
        first = queue.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // queued jobs are answered by stop()
      }
      if (first != null) {
        storeBatch(gather(first));
      }
    }
  }

  /**
   * The jobs that wait now, up to the batch size. A lone job goes at once (an idle server adds no
   * delay); one that found company waits up to batch-wait for more, as they are arriving.
   */
  private List<Job> gather(Job first) {
    List<Job> batch = new ArrayList<>();
    batch.add(first);
    int count = first.requests().size();
    long deadline = 0;
    while (count < settings.batchSize()) {
      Job next = queue.poll();
      if (next == null) {
        if (batch.size() == 1 || settings.batchWait().isZero()) {
          break;
        }
        if (deadline == 0) {
          deadline = System.nanoTime() + settings.batchWait().toNanos();
        }
        long left = deadline - System.nanoTime();
        try {
          next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          next = null;
        }
        if (next == null) {
          break;
        }
      }
      batch.add(next);
      count += next.requests().size();
    }
    return batch;
  }

  private void storeBatch(List<Job> batch) {
    List<SubmissionRequest> requests = new ArrayList<>();
    List<CompletableFuture<SubmissionOutcome>> answers = new ArrayList<>();
    for (Job job : batch) {
      requests.addAll(job.requests());
      answers.addAll(job.answers());
    }
    List<SubmissionOutcome> outcomes;
    try {
      outcomes = store.storeAll(requests);
    } catch (RuntimeException e) {
      LOG.log(
          Level.INFO,
          "a batch of " + requests.size() + " submissions failed; each is tried alone",
          e);
      storeEachAlone(requests, answers);
      return;
    }
    for (int i = 0; i < answers.size(); i++) {
      answers.get(i).complete(outcomes.get(i));
    }
  }

  // Nothing of the failed batch committed: each submission in a transaction of its own.
  private void storeEachAlone(
      List<SubmissionRequest> requests, List<CompletableFuture<SubmissionOutcome>> answers) {
    for (int i = 0; i < requests.size(); i++) {
      try {
        answers.get(i).complete(store.storeAll(List.of(requests.get(i))).get(0));
      } catch (RuntimeException e) {
        answers.get(i).completeExceptionally(e);
      }
    }
  }
}
