package dev.spooler.routing;

import dev.spooler.hook.HookFailedException;
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
import java.util.UUID;

/**
 * The first spooler stage. Container-managed transaction: the receive, the recipients' routing and
 * the dispatches it sends commit together, or the message is redelivered.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = SpoolQueues.SUBMITTED),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue")
    })
public class PreprocessStage implements MessageListener {

  @Inject private MessageRouter router;
  @Inject private StageFailures failures;
  @Resource private MessageDrivenContext context;

  @Override
  public void onMessage(Message message) {
    UUID id;
    try {
      id = UUID.fromString(message.getBody(String.class));
    } catch (JMSException e) {
      throw new IllegalStateException("cannot read submitted message", e);
    }
    try {
      router.route(id);
    } catch (HookFailedException e) {
      failures.hookFailed(context, message, "pre-process", id, e);
    }
  }
}
