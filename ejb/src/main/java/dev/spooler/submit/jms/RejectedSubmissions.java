package dev.spooler.submit.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dead-letter queue of {@code spooler.submit}: a submission the spooler refused is moved there,
 * body, properties and headers as they came, with {@link SubmitProperties#REJECT_REASON} and {@link
 * SubmitProperties#ORIGINAL_MESSAGE_ID} added. It is sent in the receiving transaction, so the
 * submission leaves {@code spooler.submit} exactly when its copy is in this queue, and is never
 * redelivered for an answer that cannot change.
 */
@ApplicationScoped
public class RejectedSubmissions {

  public static final String REJECTED = "java:global/jms/spooler.submit.rejected";

  @Inject private JMSContext jms;

  @Resource(lookup = REJECTED)
  private Queue rejected;

  public void submissionWasRejected(Message submission, String reason) throws JMSException {
    String originalId = submission.getJMSMessageID();
    // Received properties are read-only: clear them to make them writable, then put them back.
    Map<String, Object> properties = new LinkedHashMap<>();
    Enumeration<?> names = submission.getPropertyNames();
    while (names.hasMoreElements()) {
      String name = names.nextElement().toString();
      if (!name.startsWith("JMSX") && !name.startsWith("_")) {
        properties.put(name, submission.getObjectProperty(name));
      }
    }
    submission.clearProperties();
    for (Map.Entry<String, Object> property : properties.entrySet()) {
      submission.setObjectProperty(property.getKey(), property.getValue());
    }
    submission.setStringProperty(SubmitProperties.REJECT_REASON, reason);
    submission.setStringProperty(SubmitProperties.ORIGINAL_MESSAGE_ID, originalId);
    jms.createProducer().send(rejected, submission);
  }
}
