package dev.spooler.web;

import dev.spooler.security.SenderNotPermittedException;
import dev.spooler.submit.Accepted;
import dev.spooler.submit.InvalidSubmissionException;
import dev.spooler.submit.SubmissionOutcome;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to one entry of a batch, as the single call would give it: {@code status} 202 with the
 * acceptance and its location; 200 with the first acceptance ({@code replayed}) for a known
 * idempotency key; or the 4xx/5xx status with its problem.
 */
@Schema(description = "The answer to one submission of a batch, in the batch's order")
public record BatchResult(
    @Schema(description = "The status the single call would answer: 202, 200 (replayed), 4xx, 5xx")
        int status,
    Accepted accepted,
    @Schema(description = "The accepted message's address, as the single call's Location header")
        String location,
    @Schema(description = "true when the entry's idempotency key was accepted before")
        Boolean replayed,
    Problem problem) {

  /** The result of an outcome, or of the failure that left an entry unstored. */
  static BatchResult of(SubmissionOutcome outcome, Throwable failure, String messages) {
    if (failure != null) {
      Throwable cause =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      return failed(new UnexpectedExceptionMapper().toResponse(cause).getEntity());
    }
    try {
      Accepted accepted = outcome.acceptedOrThrow();
      boolean replayed = outcome instanceof SubmissionOutcome.AlreadyTaken;
      return new BatchResult(
          replayed ? 200 : 202, accepted, messages + accepted.id(), replayed ? true : null, null);
    } catch (InvalidSubmissionException e) {
      return failed(new InvalidSubmissionMapper().toResponse(e).getEntity());
    } catch (SenderNotPermittedException e) {
      return failed(new SenderNotPermittedMapper().toResponse(e).getEntity());
    }
  }

  private static BatchResult failed(Object entity) {
    Problem problem = (Problem) entity;
    return new BatchResult(problem.status(), null, null, null, problem);
  }
}
