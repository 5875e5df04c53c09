package dev.spooler.submit;

import dev.spooler.security.SenderNotPermittedException;
import java.util.List;

/**
 * What became of a submission. Refusals are answers, not exceptions, so that a caller's transaction
 * (a JMS receive) can still commit its own answer to them; {@link #acceptedOrThrow()} turns them
 * into the exceptions the REST layer maps to 400, 403 and 413.
 */
public sealed interface SubmissionOutcome {

  /** Why a submission was refused. */
  enum Refusal {
    /** A field is missing or wrong. */
    INVALID,
    /** Over a size limit (HTTP 413, SMTP 552). */
    TOO_LARGE,
    /** The submitter may not use this From (HTTP 403, SMTP 550 5.7.1). */
    SENDER_NOT_PERMITTED
  }

  /** Stored and queued now. */
  record Taken(Accepted accepted) implements SubmissionOutcome {}

  /** Its idempotency key was seen before: nothing new was stored; this is the first acceptance. */
  record AlreadyTaken(Accepted first) implements SubmissionOutcome {}

  /** Refused; nothing was stored or queued. */
  record Refused(List<Violation> violations, Refusal refusal) implements SubmissionOutcome {
    public Refused {
      violations = List.copyOf(violations);
    }

    public Refused(List<Violation> violations) {
      this(violations, Refusal.INVALID);
    }
  }

  /** The acceptance, now or earlier; a refusal thrown as its exception. */
  default Accepted acceptedOrThrow() {
    if (this instanceof Taken taken) {
      return taken.accepted();
    }
    if (this instanceof AlreadyTaken first) {
      return first.first();
    }
    Refused refused = (Refused) this;
    String reason = refused.violations().get(0).reason();
    throw switch (refused.refusal()) {
      case TOO_LARGE -> new MessageTooLargeException(reason);
      case SENDER_NOT_PERMITTED -> new SenderNotPermittedException(reason);
      case INVALID -> new InvalidSubmissionException(refused.violations());
    };
  }
}
