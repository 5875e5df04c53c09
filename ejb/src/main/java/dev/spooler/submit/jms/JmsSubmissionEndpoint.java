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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Takes one message from {@code spooler.submit} in the caller's transaction: a readable submission
 * goes to the facade (which answers it), an unreadable or refused one is answered and moved to
 * {@code spooler.submit.rejected} with the reason. A TextMessage whose JSON is an array is a batch:
 * its submissions are stored in the same one transaction, each answered on its own.
 */
@ApplicationScoped
public class JmsSubmissionEndpoint {

  @EJB private SpoolerFacade facade;
  @Inject private SubmitMessageReader reader;
  @Inject private ClientReplies replies;
  @Inject private RejectedSubmissions rejected;

  public void take(Message message) throws JMSException {
    if (SubmitMessageReader.isBatch(message)) {
      takeBatch(message);
      return;
    }
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

  /**
   * A batch: its readable submissions stored in this one transaction, a reply for each item; when
   * any is refused, the message is copied to the rejected queue naming the refused items (the
   * others are stored).
   */
  private void takeBatch(Message message) throws JMSException {
    SubmissionOrigin whole = reader.origin(message);
    List<SubmitMessageReader.BatchItem> items;
    try {
      items = reader.batch(message, whole);
    } catch (MalformedSubmissionException e) {
      replies.submissionWasRejected(whole, e.getMessage(), e.violations());
      rejected.submissionWasRejected(message, e.getMessage());
      return;
    }
    Map<Integer, String> refusals = new TreeMap<>();
    List<SubmissionRequest> requests = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      SubmitMessageReader.BatchItem item = items.get(i);
      if (item.problem() != null) {
        String reason = "invalid submission: " + reason(item.problem());
        replies.submissionWasRejected(item.origin(), reason, item.problem());
        refusals.put(i, reason(item.problem()));
      } else {
        requests.add(SubmissionRequest.fromCaller(item.submission()).from(item.origin()));
        positions.add(i);
      }
    }
    List<SubmissionOutcome> outcomes = facade.submitAll(requests);
    for (int i = 0; i < outcomes.size(); i++) {
      if (outcomes.get(i) instanceof SubmissionOutcome.Refused refused) {
        refusals.put(positions.get(i), reason(refused.violations()));
      }
    }
    if (!refusals.isEmpty()) {
      rejected.submissionWasRejected(
          message,
          "invalid submissions in the batch: "
              + refusals.entrySet().stream()
                  .map(r -> "[" + r.getKey() + "] " + r.getValue())
                  .collect(Collectors.joining("; ")));
    }
  }

  private static String reason(List<Violation> violations) {
    return violations.stream()
        .map(v -> v.field() + ": " + v.reason())
        .collect(Collectors.joining("; "));
  }
}
