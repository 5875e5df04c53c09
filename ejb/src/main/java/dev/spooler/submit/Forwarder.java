package dev.spooler.submit;

import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.notify.ForwardRequested;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Forwards an arrived message as a new submission from the mailbox's owner, in the filing
 * transaction: the forward is accepted exactly when the filing commits.
 */
@ApplicationScoped
public class Forwarder {

  @EJB private SpoolerFacade facade;
  @Inject private MessageRepository messages;

  void forward(@Observes ForwardRequested request) {
    Message original = messages.find(request.messageId()).orElseThrow();
    String from = original.sender().isEmpty() ? "(unknown sender)" : original.sender();
    String body =
        "---------- Forwarded message ----------\n"
            + "From: "
            + from
            + "\nSubject: "
            + original.subject()
            + "\n\n"
            + original.body();
    // The rule is the server's configuration, not the request's caller: no sender check applies.
    facade.submit(
        SubmissionRequest.trusted(
            Submission.of(
                "LOCAL:" + request.mailbox(),
                List.copyOf(request.to()),
                null,
                null,
                "Fwd: " + original.subject(),
                body)));
  }
}
