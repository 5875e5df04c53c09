package dev.spooler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.spooler.notify.EventTopic;
import dev.spooler.notify.MessageArrived;
import jakarta.annotation.Resource;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.transaction.UserTransaction;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Arrivals on the events topic, inside the server: nothing in this branch files inbound mail yet,
 * so the test fires {@link MessageArrived} itself, in a transaction it commits or rolls back.
 */
@ExtendWith(ArquillianExtension.class)
class EventTopicIT {

  @Deployment
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.earWithTests(EventTopicIT.class);
  }

  @Inject private Event<MessageArrived> arrivals;

  @Resource(lookup = "java:/ConnectionFactory")
  private ConnectionFactory factory;

  @Resource(lookup = EventTopic.EVENTS)
  private Topic events;

  @Resource private UserTransaction transaction;

  @Test
  void arrivalIsPublishedWhenItsTransactionCommits() throws Exception {
    UUID id = UUID.randomUUID();
    try (JMSContext jms = factory.createContext();
        JMSConsumer consumer = jms.createConsumer(events, selector(id))) {
      transaction.begin();
      arrivals.fire(
          new MessageArrived("bob", "Inbox", id, "alice@example.org", "Hi", Instant.now(), 0L));
      transaction.commit();

      Message event = consumer.receive(30_000);
      assertNotNull(event, "the arrival on spooler.events");
      assertEquals("message-arrived", event.getStringProperty(EventTopic.EVENT_PROPERTY));
      JsonObject json = json(event);
      assertEquals("message-arrived", json.getString("event"));
      assertEquals("bob", json.getString("mailbox"));
      assertEquals("Inbox", json.getString("folder"));
      assertEquals(id.toString(), json.getString("messageId"));
      assertEquals("Hi", json.getString("subject"));
    }
  }

  @Test
  void arrivalWhoseTransactionRollsBackIsNeverPublished() throws Exception {
    UUID rolledBack = UUID.randomUUID();
    UUID committed = UUID.randomUUID();
    try (JMSContext jms = factory.createContext();
        JMSConsumer consumer =
            jms.createConsumer(events, selector(rolledBack) + " OR " + selector(committed))) {
      transaction.begin();
      arrivals.fire(
          new MessageArrived("bob", "Inbox", rolledBack, "a@example.org", "No", Instant.now(), 0L));
      transaction.rollback();
      // A committed arrival after it: once it is here, the rolled-back one would have been too.
      transaction.begin();
      arrivals.fire(
          new MessageArrived("bob", "Inbox", committed, "a@example.org", "Yes", Instant.now(), 0L));
      transaction.commit();

      Message first = consumer.receive(30_000);
      assertNotNull(first);
      assertEquals(committed.toString(), first.getStringProperty(EventTopic.MESSAGE_ID_PROPERTY));
      assertNull(consumer.receiveNoWait(), "nothing of the rolled-back arrival");
    }
  }

  private static String selector(UUID id) {
    return EventTopic.MESSAGE_ID_PROPERTY + " = '" + id + "'";
  }

  private static JsonObject json(Message message) throws Exception {
    try (JsonReader reader = Json.createReader(new StringReader(message.getBody(String.class)))) {
      return reader.readObject();
    }
  }
}
