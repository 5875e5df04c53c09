package dev.spooler.submit.jms;

import dev.spooler.submit.ClientReplies;
import dev.spooler.submit.SpoolerFacade;
import dev.spooler.submit.SubmissionOrigin;
import dev.spooler.submit.SubmissionOutcome;
import dev.spooler.submit.SubmissionRequest;
import dev.spooler.submit.Violation;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Takes one message from {@code spooler.submit} in the caller's transaction: a readable submission
 * goes to the facade (which answers it), an unreadable or refused one is answered and moved to
 * {@code spooler.submit.rejected} with the reason.
 */
@ApplicationScoped
public class JmsSubmissionEndpoint {

  @EJB private SpoolerFacade facade;
  @Inject private SubmitMessageReader reader;
  @Inject private ClientReplies replies;
  @Inject private RejectedSubmissions rejected;

  public void take(Message message) throws JMSException {
    SubmissionOrigin origin = reader.origin(message);
    SubmissionOutcome outcome;
    try {
      outcome =
          facade.submit(SubmissionRequest.fromCaller(reader.submission(message)).from(origin));
    } catch (MalformedSubmissionException e) {
      replies.submissionWasRejected(origin, e.getMessage(), e.violations());
      rejected.submissionWasRejected(message, e.getMessage());
      return;
    }
    if (outcome instanceof SubmissionOutcome.Refused refused) {
      rejected.submissionWasRejected(
          message, "invalid submission: " + reason(refused.violations()));
    }
  }

  private static String reason(List<Violation> violations) {
    return violations.stream()
        .map(v -> v.field() + ": " + v.reason())
        .collect(Collectors.joining("; "));
  }
}
