package dev.spooler.dispatch;

import dev.spooler.queue.Dispatch;
import dev.spooler.queue.SpoolQueues;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The transport stage: one dispatch at a time, for every provider. Container-managed transaction:
 * the receive, the recorded outcomes and any deferred re-dispatch commit together. The send itself
 * is not transactional; see DispatchService for why a redelivery is still harmless.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = SpoolQueues.TRANSPORT),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue")
    })
public class TransportDispatcher implements MessageListener {

  @Inject private DispatchService dispatches;

  @Override
  public void onMessage(Message message) {
    Dispatch dispatch;
    try {
      dispatch = SpoolQueues.readDispatch(message.getBody(String.class));
    } catch (JMSException e) {
      throw new IllegalStateException("cannot read dispatch", e);
    }
    dispatches.dispatch(dispatch);
  }
}
