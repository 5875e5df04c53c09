package dev.spooler.dispatch;

import dev.spooler.queue.DispatchBatch;
import dev.spooler.queue.SpoolQueues;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Logger;

/**
 * The transport stage: one batch of dispatches at a time, for every provider. Container-managed
 * transaction: the receive, the recorded outcomes and any deferred re-dispatch commit together. The
 * send itself is not transactional; see DispatchService for why a redelivery is still harmless.
 *
 * <p>A batch delivered again was rolled back (a member that could not be prepared, a crash): it is
 * not tried again as a whole but split, each member on alone, so that a poison member is
 * redelivered and dead-lettered by itself and never holds the others back.
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

  private static final Logger LOG = Logger.getLogger(TransportDispatcher.class.getName());

  @Inject private DispatchService dispatches;
  @Inject private SpoolQueues queues;

  @Override
  public void onMessage(Message message) {
    DispatchBatch batch;
    boolean redelivered;
    int priority;
    try {
      batch = SpoolQueues.readBatch(message.getBody(String.class));
      redelivered = message.getJMSRedelivered();
      priority = message.getJMSPriority();
    } catch (JMSException e) {
      throw new IllegalStateException("cannot read dispatch batch", e);
    }
    if (redelivered && batch.size() > 1) {
      LOG.info(() -> "a batch of " + batch.size() + " delivered again; its members go on alone");
      queues.batchWasSplit(batch, priority);
      return;
    }
    dispatches.dispatch(batch);
  }
}
