package dev.spooler.notify;

import dev.spooler.message.RecipientStatusChanged;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.UUID;

/**
 * Publishes the spooler's events to the topic {@code spooler.events} for any subscribing
 * application: a TextMessage of the event's JSON plus {@code "event"}, and the string properties
 * {@link #EVENT_PROPERTY} and {@link #MESSAGE_ID_PROPERTY} for selectors. Observed inside the
 * transaction of the change and sent with the injected (XA) JMSContext, so an event is published
 * exactly when its change commits: none for a rolled-back change, no change without its event.
 */
@ApplicationScoped
public class EventTopic {

  public static final String EVENTS = "java:global/jms/spooler.events";
  public static final String EVENT_PROPERTY = "spoolerEvent";
  public static final String MESSAGE_ID_PROPERTY = "spoolerMessageId";
  public static final String RECIPIENT_STATUS = "recipient-status";
  public static final String MESSAGE_ARRIVED = "message-arrived";

  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject private JMSContext jms;

  @Resource(lookup = EVENTS)
  private Topic events;

  void recipientStatusChanged(@Observes RecipientStatusChanged change) {
    publish(RECIPIENT_STATUS, change.messageId(), change);
  }

  void messageArrived(@Observes MessageArrived arrival) {
    publish(MESSAGE_ARRIVED, arrival.messageId(), arrival);
  }

  private void publish(String kind, UUID messageId, Object event) {
    // The event's own JSON with "event" put first: no second parse and rebuild of the tree.
    String json = JSON.toJson(event);
    String body =
        "{\"event\":\"" + kind + "\"" + (json.length() > 2 ? "," : "") + json.substring(1);
    jms.createProducer()
        .setProperty(EVENT_PROPERTY, kind)
        .setProperty(MESSAGE_ID_PROPERTY, messageId.toString())
        .send(events, body);
  }
}
