package dev.spooler.management;

import dev.spooler.queue.SpoolQueues;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.naming.NamingException;

/**
 * The dead-letter queue {@code spooler.dead}, through plain JMS: a browser to list it, a consumer
 * with a {@code JMSMessageID} selector to take one message out. The injected JMSContext joins the
 * caller's transaction, so taking a dead letter and requeueing what it stood for commit together.
 */
@ApplicationScoped
public class DeadLetterQueue {

  public static final String DEAD = "java:global/jms/spooler.dead";

  /** Set by Artemis on a message it moved to a dead-letter address. */
  static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";

  private static final int MAX_BODY = 500;

  @Inject private JMSContext jms;

  @Resource(lookup = DEAD)
  private Queue dead;

  /** Everything in the dead-letter queue, oldest first, at most {@code limit}. */
  public List<DeadLetter> browse(int limit) {
    List<DeadLetter> letters = new ArrayList<>();
    try (QueueBrowser browser = jms.createBrowser(dead)) {
      Enumeration<?> messages = browser.getEnumeration();
      while (messages.hasMoreElements() && letters.size() < limit) {
        letters.add(read((Message) messages.nextElement()));
      }
    } catch (JMSException e) {
      throw new IllegalStateException("cannot browse spooler.dead", e);
    }
    return Collections.unmodifiableList(letters);
  }

  /** Takes one dead letter out of the queue (in the caller's transaction). */
  public Optional<TakenLetter> take(String jmsMessageId) {
    if (!jmsMessageId.matches("ID:[0-9a-fA-F-]+")) {
      return Optional.empty(); // also keeps the selector free of anything but an id
    }
    try (JMSConsumer consumer = jms.createConsumer(dead, "JMSMessageID = '" + jmsMessageId + "'")) {
      Message message = consumer.receive(2000);
      return message == null
          ? Optional.empty()
          : Optional.of(new TakenLetter(read(message), body(message), message));
    } catch (JMSException e) {
      throw new IllegalStateException("cannot take " + jmsMessageId + " from spooler.dead", e);
    }
  }

  /** Sends a dead letter's body back, unchanged, to the queue it died on. */
  public void resend(TakenLetter letter) {
    String queue = letter.letter().originalQueueName();
    if (queue == null) {
      throw new IllegalStateException(letter.letter().id() + " has no original queue");
    }
    try {
      Queue original = javax.naming.InitialContext.doLookup("java:global/jms/" + queue);
      var producer = jms.createProducer();
      Message message = letter.message();
      for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
        String name = (String) names.nextElement();
        if (!name.startsWith("_AMQ") && !name.startsWith("JMS")) {
          producer.setProperty(name, message.getObjectProperty(name));
        }
      }
      producer.setPriority(message.getJMSPriority()).send(original, letter.body());
    } catch (NamingException | JMSException e) {
      throw new IllegalStateException(
          "cannot send " + letter.letter().id() + " back to " + queue, e);
    }
  }

  private static DeadLetter read(Message message) throws JMSException {
    String body = body(message);
    return new DeadLetter(
        message.getJMSMessageID(),
        message.getStringProperty(ORIGINAL_ADDRESS),
        messageIdIn(body),
        Instant.ofEpochMilli(message.getJMSTimestamp()),
        body == null || body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY) + "…");
  }

  private static String body(Message message) throws JMSException {
    return message instanceof TextMessage text ? text.getText() : null;
  }

  /** The spooler message a stage message is about: a submitted id, or a dispatch's message id. */
  static UUID messageIdIn(String body) {
    if (body == null) {
      return null;
    }
    try {
      return UUID.fromString(body.strip());
    } catch (IllegalArgumentException notAnId) {
      try {
        // A dead-lettered batch has one member: a failed batch is split before it can die.
        return SpoolQueues.readBatch(body).dispatches().get(0).messageId();
      } catch (RuntimeException notADispatch) {
        return null;
      }
    }
  }

  /** A dead letter taken out of the queue, with its full body and the JMS message. */
  public record TakenLetter(DeadLetter letter, String body, Message message) {}
}
