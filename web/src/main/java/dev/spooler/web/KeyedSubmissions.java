package dev.spooler.web;

import dev.spooler.security.Submitter;
import dev.spooler.submit.Accepted;
import dev.spooler.submit.IdempotencyKey;
import dev.spooler.submit.InvalidSubmissionException;
import dev.spooler.submit.MessageTooLargeException;
import dev.spooler.submit.SpoolerFacade;
import dev.spooler.submit.Submission;
import dev.spooler.submit.SubmissionOrigin;
import dev.spooler.submit.SubmissionOutcome;
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

  /** Throws {@link InvalidSubmissionException} (or its 413 kind) for a refusal. */
  public Answer submit(Submitter submitter, Submission submission, String key) {
    if (key == null) {
      return new Answer(facade.submitAs(submitter, submission), false);
    }
    IdempotencyKey.problem(key)
        .ifPresent(
            problem -> {
              throw new InvalidSubmissionException(List.of(new Violation(HEADER, problem)));
            });
    SubmissionOrigin origin = new SubmissionOrigin(key, null, null);
    SubmissionOutcome outcome;
    try {
      outcome = facade.submitAs(submitter, submission, origin);
    } catch (EJBException raced) {
      // Two requests with one key at once: the unique key let only one commit; now it is known.
      outcome = facade.submitAs(submitter, submission, origin);
    }
    if (outcome instanceof SubmissionOutcome.Taken taken) {
      return new Answer(taken.accepted(), false);
    }
    if (outcome instanceof SubmissionOutcome.AlreadyTaken first) {
      return new Answer(first.first(), true);
    }
    SubmissionOutcome.Refused refused = (SubmissionOutcome.Refused) outcome;
    throw refused.tooLarge()
        ? new MessageTooLargeException(refused.violations().get(0).reason())
        : new InvalidSubmissionException(refused.violations());
  }
}
