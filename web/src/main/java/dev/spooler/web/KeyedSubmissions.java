package dev.spooler.web;

import dev.spooler.security.Submitter;
import dev.spooler.submit.AcceptQueue;
import dev.spooler.submit.Accepted;
import dev.spooler.submit.IdempotencyKey;
import dev.spooler.submit.InvalidSubmissionException;
import dev.spooler.submit.Submission;
import dev.spooler.submit.SubmissionJson;
import dev.spooler.submit.SubmissionOrigin;
import dev.spooler.submit.SubmissionOutcome;
import dev.spooler.submit.SubmissionRequest;
import dev.spooler.submit.Violation;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * REST submissions, one or a batch, with or without the client's idempotency key ({@code
 * Idempotency-Key} header for one, the {@code idempotencyKey} field of a batch entry): a repeat of
 * an accepted submission stores nothing and answers with the first acceptance. They go through the
 * accept queue: the request thread is free while the submission waits for its transaction.
 */
@ApplicationScoped
public class KeyedSubmissions {

  static final String HEADER = "Idempotency-Key";

  @EJB private AcceptQueue accepting;

  /** What the client hears: the acceptance, and whether it is the replay of an earlier one. */
  public record Answer(Accepted accepted, boolean replayed) {
    static Answer of(SubmissionOutcome outcome) {
      return new Answer(
          outcome.acceptedOrThrow(), outcome instanceof SubmissionOutcome.AlreadyTaken);
    }
  }

  /**
   * Completes after the commit, or with {@link InvalidSubmissionException} (or its 413 kind) or a
   * sender refusal; throws an overload at once, nothing queued.
   */
  public CompletionStage<Answer> submit(Submitter submitter, Submission submission, String key) {
    SubmissionRequest request = SubmissionRequest.by(submitter, submission);
    if (key != null) {
      IdempotencyKey.problem(key)
          .ifPresent(
              problem -> {
                throw new InvalidSubmissionException(List.of(new Violation(HEADER, problem)));
              });
      request = request.from(new SubmissionOrigin(key, null, null));
    }
    return accepting.submit(request).thenApply(Answer::of);
  }

  /**
   * A batch: its readable entries stored in one transaction, an outcome for each entry in order (an
   * unreadable one refused with its fields named). Throws an overload at once, nothing queued.
   */
  public List<CompletableFuture<SubmissionOutcome>> submitAll(
      Submitter submitter, List<SubmissionJson.BatchEntry> entries) {
    List<SubmissionRequest> requests = new ArrayList<>();
    for (SubmissionJson.BatchEntry entry : entries) {
      if (entry.isReadable()) {
        SubmissionRequest request = SubmissionRequest.by(submitter, entry.submission());
        requests.add(
            entry.idempotencyKey() == null
                ? request
                : request.from(new SubmissionOrigin(entry.idempotencyKey(), null, null)));
      }
    }
    List<CompletableFuture<SubmissionOutcome>> queued = accepting.submitAll(requests);
    List<CompletableFuture<SubmissionOutcome>> outcomes = new ArrayList<>(entries.size());
    int next = 0;
    for (SubmissionJson.BatchEntry entry : entries) {
      outcomes.add(
          entry.isReadable()
              ? queued.get(next++)
              : CompletableFuture.completedFuture(new SubmissionOutcome.Refused(entry.problem())));
    }
    return outcomes;
  }
}
