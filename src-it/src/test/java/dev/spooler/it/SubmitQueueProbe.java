package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spooler.submit.jms.SubmitProperties;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;

/**
 * A remote producer on {@code spooler.submit} that reads what the spooler answers: the reply on its
 * JMSReplyTo queue and the dead-lettered copy on {@code spooler.submit.rejected}.
 */
final class SubmitQueueProbe implements AutoCloseable {

  static final long TIMEOUT_MS = 60_000;

  final JMSContext jms = RemoteJms.connect();
  // Refused submissions are the operators' to read (README "Security").
  private final JMSContext operator = RemoteJms.connectAs("it-operator");
  private final Queue replies = jms.createTemporaryQueue();
  private final JMSConsumer replyConsumer = jms.createConsumer(replies);

  /** Sends it with this probe's reply queue; returns its JMSMessageID. */
  String send(Message submission) throws JMSException {
    submission.setJMSReplyTo(replies);
    return sendWithoutReplyTo(submission);
  }

  String sendWithoutReplyTo(Message submission) throws JMSException {
    jms.createProducer().send(jms.createQueue("spooler.submit"), submission);
    return submission.getJMSMessageID();
  }

  /** The next reply, which must come within the timeout. */
  JsonObject reply() throws JMSException {
    Message reply = replyConsumer.receive(TIMEOUT_MS);
    assertThat(reply).as("a reply within %d ms", TIMEOUT_MS).isNotNull();
    JsonObject json = json(reply.getBody(String.class));
    return Json.createObjectBuilder(json)
        .add("correlationId", String.valueOf(reply.getJMSCorrelationID()))
        .build();
  }

  /** The copy of the message sent as {@code sentId} in spooler.submit.rejected, or null. */
  Message deadLetter(String sentId, long timeoutMs) {
    try (JMSConsumer deadLetters =
        operator.createConsumer(
            operator.createQueue("spooler.submit.rejected"),
            SubmitProperties.ORIGINAL_MESSAGE_ID + " = '" + sentId + "'")) {
      return deadLetters.receive(timeoutMs);
    }
  }

  static JsonObject json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  @Override
  public void close() {
    operator.close();
    jms.close();
  }
}
