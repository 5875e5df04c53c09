package dev.spooler.transport.jms;

import dev.spooler.message.MimeRenderer;
import dev.spooler.message.OutboundMessage;
import dev.spooler.transport.DeliveryOutcome;
import dev.spooler.transport.EnvelopeRecipient;
import dev.spooler.transport.TransportHealth;
import dev.spooler.transport.TransportProvider;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Forwards to the queue named by a {@code JMS:queue.name} address: a BytesMessage holding the RFC
 * 5322 MIME message, with the envelope in the properties {@link #SENDER}, {@link #RECIPIENT} and
 * {@link #MESSAGE_ID}, and the Message-ID header as JMSCorrelationID. The send joins the
 * dispatcher's JTA transaction (pooled XA connection factory), so the forward and the recorded
 * status commit together.
 */
@ApplicationScoped
public class JmsTransport implements TransportProvider {

  public static final String NAME = "jms";
  public static final String ADDRESS_TYPE = "JMS";
  public static final String SENDER = "spoolerSender";
  public static final String RECIPIENT = "spoolerRecipient";
  public static final String MESSAGE_ID = "spoolerMessageId";

  private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  @Inject private JMSContext jms;

  private Session mimeSession;

  @PostConstruct
  void init() {
    mimeSession = Session.getInstance(new Properties());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> addressTypes() {
    return Set.of(ADDRESS_TYPE);
  }

  @Override
  public TransportHealth health() {
    return TransportHealth.up(null); // the broker is this server's: the readiness check covers it
  }

  @Override
  public Map<Long, DeliveryOutcome> send(
      OutboundMessage message, List<EnvelopeRecipient> recipients) {
    byte[] mime;
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new MimeRenderer(mimeSession).render(message).writeTo(out);
      mime = out.toByteArray();
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("cannot render message " + message.id() + " as MIME", e);
    }
    Map<Long, DeliveryOutcome> outcomes = new HashMap<>();
    for (EnvelopeRecipient recipient : recipients) {
      outcomes.put(recipient.id(), forward(message, recipient, mime));
    }
    return outcomes;
  }

  private DeliveryOutcome forward(
      OutboundMessage message, EnvelopeRecipient recipient, byte[] mime) {
    String queueName = recipient.address().value();
    if (!QUEUE_NAME.matcher(queueName).matches()) {
      return DeliveryOutcome.permanentFailure(
          "5.1.3", "jms; '" + queueName + "' is not a valid queue name");
    }
    Queue queue;
    try {
      // Resolving the name asks the broker: a queue that does not exist fails here, permanently.
      queue = jms.createQueue(queueName);
    } catch (JMSRuntimeException e) {
      return DeliveryOutcome.permanentFailure(
          "5.1.1", "jms; no queue " + queueName + ": " + e.getMessage());
    }
    try {
      BytesMessage forwarded = jms.createBytesMessage();
      forwarded.writeBytes(mime);
      forwarded.setStringProperty(
          SENDER, message.from() == null ? "" : message.from().toString()); // "" for a report
      forwarded.setStringProperty(RECIPIENT, recipient.address().toString());
      forwarded.setStringProperty(MESSAGE_ID, message.id().toString());
      forwarded.setJMSCorrelationID(message.messageIdHeader());
      jms.createProducer().send(queue, forwarded);
      return DeliveryOutcome.delivered("2.0.0", "jms; sent to queue " + queueName);
    } catch (InvalidDestinationRuntimeException e) {
      return DeliveryOutcome.permanentFailure("5.1.1", "jms; no queue " + queueName);
    } catch (JMSRuntimeException | JMSException e) {
      return DeliveryOutcome.transientFailure("4.4.1", "jms; " + e.getMessage());
    }
  }
}
