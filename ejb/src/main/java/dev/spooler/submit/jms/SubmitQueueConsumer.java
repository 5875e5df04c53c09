package dev.spooler.submit.jms;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The JMS way in for other applications. Container-managed transaction: the receive, the stored
 * message, its first stage message and the reply (or the dead-lettered copy) commit together; a
 * failure of the store or broker rolls all of it back and the submission is redelivered.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = SubmitQueueConsumer.SUBMIT),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue")
    })
public class SubmitQueueConsumer implements MessageListener {

  public static final String SUBMIT = "java:global/jms/spooler.submit";

  @Inject private JmsSubmissionEndpoint endpoint;

  @Override
  public void onMessage(Message message) {
    try {
      endpoint.take(message);
    } catch (JMSException e) {
      throw new IllegalStateException("cannot take submission", e);
    }
  }
}
