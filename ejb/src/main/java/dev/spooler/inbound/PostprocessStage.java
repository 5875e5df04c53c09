package dev.spooler.inbound;

import dev.spooler.hook.HookFailedException;
import dev.spooler.message.MessageRepository;
import dev.spooler.queue.SpoolQueues;
import dev.spooler.queue.StageFailures;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The inbound stage: files a received message in its owner's mailbox. Container-managed
 * transaction: the receive, the filing and the arrival event commit together, or the message is
 * redelivered (and filed once: {@link InboundFiling} skips what already arrived).
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = SpoolQueues.RECEIVED),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue")
    })
public class PostprocessStage implements MessageListener {

  private static final Logger LOG = Logger.getLogger(PostprocessStage.class.getName());

  @Inject private MessageRepository messages;
  @Inject private InboundFiling filing;
  @Inject private SpoolQueues queues;
  @Inject private StageFailures failures;
  @Resource private MessageDrivenContext context;

  @Override
  public void onMessage(Message jms) {
    UUID id;
    String mailbox;
    try {
      id = UUID.fromString(jms.getBody(String.class));
      mailbox = jms.getStringProperty(SpoolQueues.MAILBOX_PROPERTY);
    } catch (JMSException e) {
      throw new IllegalStateException("cannot read received message", e);
    }
    Optional<dev.spooler.message.Message> message = messages.find(id);
    if (message.isEmpty()) {
      LOG.warning(() -> "received message " + id + " is no longer in the store");
      return;
    }
    Filing result;
    try {
      result = filing.file(message.get(), mailbox);
    } catch (HookFailedException e) {
      failures.hookFailed(context, jms, "post-process", id, e);
      return;
    }
    switch (result.kind()) {
      case NO_MAILBOX ->
          // The account names a mailbox that does not exist and may not be created:
          // redelivery cannot help; the dead-letter queue keeps it for an operator.
          throw new IllegalStateException("no mailbox " + mailbox + " for " + id);
      case DEFERRED -> queues.messageWasReceived(id, mailbox, result.delay());
      default -> {
        // filed, already filed, or rejected (recorded): done
      }
    }
  }
}
