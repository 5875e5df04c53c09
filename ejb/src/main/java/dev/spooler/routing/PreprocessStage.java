package dev.spooler.routing;

import dev.spooler.queue.SpoolQueues;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
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

  @Override
  public void onMessage(Message message) {
    try {
      router.route(UUID.fromString(message.getBody(String.class)));
    } catch (JMSException e) {
      throw new IllegalStateException("cannot read submitted message", e);
    }
  }
}
