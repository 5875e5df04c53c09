package dev.spooler.web;

import dev.spooler.security.Submitter;
import dev.spooler.submit.Accepted;
import dev.spooler.submit.IdempotencyKey;
import dev.spooler.submit.InvalidSubmissionException;
import dev.spooler.submit.SpoolerFacade;
import dev.spooler.submit.Submission;
import dev.spooler.submit.SubmissionOrigin;
import dev.spooler.submit.SubmissionOutcome;
import dev.spooler.submit.SubmissionRequest;
import dev.spooler.submit.Violation;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A REST submission with or without the client's {@code Idempotency-Key}: with one, it goes the way
 * JMS submissions go ({@code submit(Submission, SubmissionOrigin)}), so that a repeat stores
 * nothing and answers with the first acceptance.
 */
@ApplicationScoped
public class KeyedSubmissions {

  static final String HEADER = "Idempotency-Key";

  @EJB private SpoolerFacade facade;

  /** What the client hears: the acceptance, and whether it is the replay of an earlier one. */
  public record Answer(Accepted accepted, boolean replayed) {}

  /** Throws {@link InvalidSubmissionException} (or its 413 kind) or a sender refusal. */
  public Answer submit(Submitter submitter, Submission submission, String key) {
    SubmissionRequest request = SubmissionRequest.by(submitter, submission);
    if (key == null) {
      return new Answer(facade.submit(request).acceptedOrThrow(), false);
    }
    IdempotencyKey.problem(key)
        .ifPresent(
            problem -> {
              throw new InvalidSubmissionException(List.of(new Violation(HEADER, problem)));
            });
    SubmissionRequest keyed = request.from(new SubmissionOrigin(key, null, null));
    SubmissionOutcome outcome;
    try {
      outcome = facade.submit(keyed);
    } catch (EJBException raced) {
      // Two requests with one key at once: the unique key let only one commit; now it is known.
      outcome = facade.submit(keyed);
    }
    return new Answer(outcome.acceptedOrThrow(), outcome instanceof SubmissionOutcome.AlreadyTaken);
  }
}
