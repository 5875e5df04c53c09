package dev.spooler.queue;

import dev.spooler.hook.HookFailedException;
import dev.spooler.message.DeadLetter;
import dev.spooler.message.MessageRepository;
import jakarta.ejb.MessageDrivenContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Clock;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a stage does when a hook fails: before the last attempt, roll back so the broker redelivers
 * with its growing delay (the store-and-forward of stage messages); at the last attempt, record why
 * and move the stage message to {@code spooler.dead} itself, so that the reason travels with it
 * (the broker's own dead-lettering would keep the message but not the reason). The message stays in
 * the store either way.
 */
@ApplicationScoped
public class StageFailures {

  private static final Logger LOG = Logger.getLogger(StageFailures.class.getName());

  @Inject private MessageRepository messages;
  @Inject private SpoolQueues queues;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "spooler.jms.max-delivery-attempts", defaultValue = "5")
  int maxDeliveryAttempts;

  /**
   * Rolls the stage's transaction back for a redelivery, unless this was the last attempt: then
   * records the dead letter and lets the transaction commit.
   */
  public void hookFailed(
      MessageDrivenContext stageContext,
      Message stageMessage,
      String stage,
      UUID messageId,
      HookFailedException failure) {
    if (attempt(stageMessage) < maxDeliveryAttempts) {
      LOG.fine(() -> stage + ": " + failure.getMessage() + "; the broker redelivers");
      stageContext.setRollbackOnly();
      return;
    }
    String reason = failure.getMessage();
    LOG.warning(() -> stage + ": message " + messageId + " dead-lettered: " + reason);
    messages.store(new DeadLetter(messageId, stage, failure.hook(), reason, clock.instant()));
    queues.stageMessageWasDeadLettered(stageMessage, stage, reason);
  }

  private static int attempt(Message message) {
    try {
      return message.propertyExists("JMSXDeliveryCount")
          ? message.getIntProperty("JMSXDeliveryCount")
          : 1;
    } catch (JMSException e) {
      return 1;
    }
  }
}
