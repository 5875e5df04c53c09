package dev.spooler.submit.jms;

import dev.spooler.message.RecipientStatusChanged;
import dev.spooler.submit.ClientReplies;
import dev.spooler.submit.ClientRequests;
import dev.spooler.submit.SubmissionOrigin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Tells a client that asked for replies each recipient's final status. Observed inside the
 * transaction that made the change (not after it), so that the reply commits with the status: it is
 * never lost to a crash after the commit, and never sent for a change that rolled back.
 */
@ApplicationScoped
public class FinalStatusReplies {

  @Inject private ClientRequests requests;
  @Inject private ClientReplies replies;

  void recipientChanged(@Observes RecipientStatusChanged change) {
    if (!change.status().isFinal()) {
      return;
    }
    requests
        .of(change.messageId())
        .map(r -> r.origin())
        .filter(SubmissionOrigin::wantsReplies)
        .ifPresent(origin -> replies.recipientReachedFinalStatus(origin, change));
  }
}
