package dev.spooler.submit;

import dev.spooler.mailbox.OutboxKeeper;
import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.queue.SpoolQueues;
import dev.spooler.routing.MessageRouter;
import dev.spooler.routing.TransportRegistry;
import dev.spooler.submit.SubmissionValidator.TypedRecipient;
import dev.spooler.submit.SubmissionValidator.ValidSubmission;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The way in for every client. One container transaction per submission: the message's rows and its
 * JMS message on {@code spooler.submitted} commit together, so an accepted message is never lost
 * and a refused one leaves nothing behind.
 */
@Stateless
public class SpoolerFacade {

  @Inject private MessageRepository messages;
  @Inject private SpoolQueues queues;
  @Inject private TransportRegistry registry;
  @Inject private MessageRouter router;
  @Inject private OutboxKeeper outbox;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "spooler.local.inline-delivery", defaultValue = "true")
  private boolean inlineDelivery;

  @Inject
  @ConfigProperty(name = "spooler.domain", defaultValue = "localhost")
  private String domain;

  @Inject
  @ConfigProperty(name = "spooler.limits.max-recipients", defaultValue = "1000")
  private int maxRecipients;

  public Accepted submit(Submission submission) {
    Instant now = clock.instant();
    ValidSubmission valid = new SubmissionValidator(maxRecipients).validate(submission, now);
    Message message =
        new Message(valid.from().toString(), valid.subject(), valid.body(), domain, now);
    message.schedule(valid.priority(), valid.deferUntil(), valid.expiresAt());
    message.identifyEnvelope(valid.envelopeId());
    for (TypedRecipient recipient : valid.recipients()) {
      message
          .addRecipient(
              recipient.address().toString(), recipient.address().type(), recipient.kind())
          .requestReports(recipient.reports());
    }
    messages.store(message);
    if (!outbox.fileInOutbox(message)) {
      throw new InvalidSubmissionException(
          List.of(new Violation("from", "no mailbox for local sender " + valid.from())));
    }
    Duration notBefore =
        valid.deferUntil() == null || !valid.deferUntil().isAfter(now)
            ? Duration.ZERO
            : Duration.between(now, valid.deferUntil());
    if (inlineDelivery
        && notBefore.isZero()
        && registry.deliverInTransaction(
            valid.recipients().stream().map(r -> r.address().type()).distinct().toList())) {
      // Tightly coupled store and transport: delivered in this transaction, no stage in between.
      router.routeAndDeliver(message.id());
    } else {
      // A deferred message waits in the broker until its time, then goes through the stages.
      queues.messageWasAccepted(message.id(), message.priority(), notBefore);
    }
    return new Accepted(message.id(), message.messageIdHeader(), message.recipients().size());
  }
}
