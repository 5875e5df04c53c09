package dev.spooler.submit.jms;

import dev.spooler.submit.AcceptSettings;
import dev.spooler.submit.IdempotencyKey;
import dev.spooler.submit.InvalidSubmissionException;
import dev.spooler.submit.ReplyDestination;
import dev.spooler.submit.Submission;
import dev.spooler.submit.SubmissionJson;
import dev.spooler.submit.SubmissionOrigin;
import dev.spooler.submit.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a message from {@code spooler.submit}: a TextMessage holding the JSON of {@code POST
 * /api/messages}, or a BytesMessage holding a MIME message with its envelope in {@link
 * SubmitProperties}. The JMS priority and JMSExpiration apply to both.
 */
@ApplicationScoped
public class SubmitMessageReader {

  private final MimeSubmission mime = new MimeSubmission();

  public Submission submission(Message message) throws MalformedSubmissionException {
    try {
      idempotencyKey(message); // a key the store cannot keep is refused before anything else
      Submission submission;
      if (message instanceof TextMessage text) {
        submission = json(text.getText());
      } else if (message instanceof BytesMessage bytes) {
        byte[] body = bytes.getBody(byte[].class);
        submission = mime.read(body == null ? new byte[0] : body, name -> property(message, name));
      } else {
        throw new MalformedSubmissionException(
            "wrong message type "
                + kind(message)
                + ": send a TextMessage (JSON) or a BytesMessage (MIME)");
      }
      return JmsHeaderOptions.apply(
          submission, message.getJMSPriority(), message.getJMSExpiration());
    } catch (JMSException e) {
      throw new MalformedSubmissionException("unreadable JMS message: " + e.getMessage());
    } catch (RuntimeException e) {
      // Whatever a producer sent must get an answer, not a redelivery loop into spooler.dead.
      throw new MalformedSubmissionException(
          "unreadable submission: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Whether {@code message} carries a batch: a TextMessage whose JSON is an array. */
  public static boolean isBatch(Message message) throws JMSException {
    if (!(message instanceof TextMessage text) || text.getText() == null) {
      return false;
    }
    String json = text.getText().stripLeading();
    return json.startsWith("[");
  }

  /** A submission of a batch, with where and how to answer it, or why it cannot be read. */
  public record BatchItem(
      Submission submission, SubmissionOrigin origin, List<Violation> problem) {}

  /**
   * The submissions of a batch message, up to {@value AcceptSettings#MAX_BATCH_CALL}, the header
   * options applied to each. Each is keyed by its own {@code idempotencyKey} field; its replies are
   * correlated by that key, else by the message's correlation (its key or JMSMessageID) followed by
   * {@code /} and its index from 0.
   */
  public List<BatchItem> batch(Message message, SubmissionOrigin whole)
      throws MalformedSubmissionException {
    List<SubmissionJson.BatchEntry> entries;
    try {
      idempotencyKey(message);
      entries =
          SubmissionJson.readBatch(
              ((TextMessage) message).getText(), AcceptSettings.MAX_BATCH_CALL);
    } catch (JMSException e) {
      throw new MalformedSubmissionException("unreadable JMS message: " + e.getMessage());
    } catch (InvalidSubmissionException e) {
      throw new MalformedSubmissionException("bad JSON: " + e.getMessage(), e.violations());
    }
    String base = whole.correlationId() == null ? "" : whole.correlationId();
    List<BatchItem> items = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      SubmissionJson.BatchEntry entry = entries.get(i);
      String key =
          entry.idempotencyKey() == null
                  || IdempotencyKey.problem(entry.idempotencyKey()).isPresent()
              ? null
              : entry.idempotencyKey();
      String suffix = "/" + i;
      String correlation =
          key != null
              ? key
              : base.substring(
                      0,
                      Math.min(
                          base.length(), SubmissionOrigin.MAX_CORRELATION_LENGTH - suffix.length()))
                  + suffix;
      SubmissionOrigin origin = new SubmissionOrigin(key, whole.replyTo(), correlation);
      items.add(
          entry.isReadable()
              ? new BatchItem(applyHeaders(entry.submission(), message), origin, null)
              : new BatchItem(null, origin, entry.problem()));
    }
    return items;
  }

  private static Submission applyHeaders(Submission submission, Message message) {
    try {
      return JmsHeaderOptions.apply(
          submission, message.getJMSPriority(), message.getJMSExpiration());
    } catch (JMSException e) {
      throw new IllegalStateException("cannot read the JMS headers", e);
    }
  }

  /**
   * Where and how to answer, read even from a message that is not a submission, so that a malformed
   * one can be answered too. Replies are correlated by the idempotency key when the producer gave
   * one, else by the producer's JMSMessageID.
   */
  public SubmissionOrigin origin(Message message) {
    String key = null;
    try {
      key = idempotencyKey(message);
    } catch (MalformedSubmissionException | JMSException | RuntimeException e) {
      // answered by submission(); the reply still goes out, correlated by JMSMessageID
    }
    try {
      String correlation = key != null ? key : message.getJMSMessageID();
      if (correlation != null && correlation.length() > SubmissionOrigin.MAX_CORRELATION_LENGTH) {
        correlation = correlation.substring(0, SubmissionOrigin.MAX_CORRELATION_LENGTH);
      }
      return new SubmissionOrigin(key, replyTo(message.getJMSReplyTo()), correlation);
    } catch (JMSException e) {
      return SubmissionOrigin.NONE;
    }
  }

  private static Submission json(String text) throws MalformedSubmissionException {
    if (text == null || text.isBlank()) {
      throw new MalformedSubmissionException("bad JSON: the TextMessage is empty");
    }
    try {
      return SubmissionJson.read(text);
    } catch (InvalidSubmissionException e) {
      throw new MalformedSubmissionException("bad JSON: " + e.getMessage(), e.violations());
    }
  }

  private static String idempotencyKey(Message message)
      throws JMSException, MalformedSubmissionException {
    String key = message.getStringProperty(SubmitProperties.IDEMPOTENCY_KEY);
    Optional<String> problem = IdempotencyKey.problem(key);
    if (problem.isPresent()) {
      throw new MalformedSubmissionException(
          "property " + SubmitProperties.IDEMPOTENCY_KEY + " " + problem.get());
    }
    return key;
  }

  private static ReplyDestination replyTo(Destination destination) throws JMSException {
    if (destination instanceof Queue queue) {
      return new ReplyDestination(ReplyDestination.Kind.QUEUE, queue.getQueueName());
    }
    if (destination instanceof Topic topic) {
      return new ReplyDestination(ReplyDestination.Kind.TOPIC, topic.getTopicName());
    }
    return null;
  }

  private static String property(Message message, String name) {
    try {
      return message.getStringProperty(name);
    } catch (JMSException e) {
      throw new IllegalStateException("cannot read property " + name, e);
    }
  }

  private static String kind(Message message) {
    if (message instanceof MapMessage) {
      return "MapMessage";
    }
    if (message instanceof ObjectMessage) {
      return "ObjectMessage";
    }
    if (message instanceof StreamMessage) {
      return "StreamMessage";
    }
    return "Message (no body)";
  }
}
