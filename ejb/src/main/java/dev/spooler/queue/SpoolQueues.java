package dev.spooler.queue;

import dev.spooler.message.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends to the spooler's queues. The injected JMSContext joins the caller's JTA transaction (the
 * pooled XA connection factory), so a send commits or rolls back with the caller's database work.
 */
@ApplicationScoped
public class SpoolQueues {

  public static final String SUBMITTED = "java:global/jms/spooler.submitted";
  public static final String TRANSPORT = "java:global/jms/spooler.transport";
  public static final String RECEIVED = "java:global/jms/spooler.received";
  public static final String DEAD = "java:global/jms/spooler.dead";

  /** On a dead-lettered stage message: why the spooler gave up on it. */
  public static final String DEAD_REASON_PROPERTY = "spoolerDeadReason";

  /** On a dead-lettered stage message: the stage (queue) it came from. */
  public static final String DEAD_STAGE_PROPERTY = "spoolerDeadStage";

  /** The JMS string property naming the mailbox a received message is for. */
  public static final String MAILBOX_PROPERTY = "mailbox";

  /** The JMS string property a transport dispatcher selects its dispatches by. */
  public static final String TRANSPORT_PROPERTY = "transport";

  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject private JMSContext jms;

  @Inject
  @ConfigProperty(name = "spooler.dispatch.batch-size", defaultValue = "50")
  int batchSize = 50;

  @Resource(lookup = SUBMITTED)
  private Queue submitted;

  @Resource(lookup = TRANSPORT)
  private Queue transport;

  @Resource(lookup = RECEIVED)
  private Queue received;

  @Resource(lookup = DEAD)
  private Queue dead;

  /** Stored and accepted; the pre-process stage takes it after {@code notBefore}. */
  public void messageWasAccepted(UUID messageId, Priority priority, Duration notBefore) {
    jms.createProducer()
        .setPriority(priority.jmsPriority())
        .setDeliveryDelay(notBefore.toMillis())
        .send(submitted, messageId.toString());
  }

  /** Fetched from a messaging system and stored; the post-process stage files it. */
  public void messageWasReceived(UUID messageId, String mailbox) {
    jms.createProducer()
        .setProperty(MAILBOX_PROPERTY, mailbox)
        .send(received, messageId.toString());
  }

  /** Back to the post-process stage after {@code delay} (a hook deferred it). */
  public void messageWasReceived(UUID messageId, String mailbox, Duration delay) {
    jms.createProducer()
        .setProperty(MAILBOX_PROPERTY, mailbox)
        .setDeliveryDelay(delay.toMillis())
        .send(received, messageId.toString());
  }

  /** A stage gave up on this stage message: kept on {@code spooler.dead} with the reason. */
  public void stageMessageWasDeadLettered(
      jakarta.jms.Message original, String stage, String reason) {
    try {
      var producer =
          jms.createProducer()
              .setProperty(DEAD_STAGE_PROPERTY, stage)
              .setProperty(DEAD_REASON_PROPERTY, reason);
      for (var names = original.getPropertyNames(); names.hasMoreElements(); ) {
        String name = (String) names.nextElement();
        if (!name.startsWith("JMS")) {
          producer.setProperty(name, original.getObjectProperty(name));
        }
      }
      producer.send(dead, original.getBody(String.class));
    } catch (jakarta.jms.JMSException e) {
      throw new IllegalStateException("cannot dead-letter stage message", e);
    }
  }

  public void recipientsWereRouted(Dispatch dispatch, Priority priority) {
    send(DispatchBatch.of(dispatch), priority.jmsPriority(), Duration.ZERO);
  }

  /**
   * Dispatches made in one transaction (e.g. a batch of routed messages): one stage message per
   * transport and at most {@code spooler.dispatch.batch-size} dispatches each.
   */
  public void dispatchesWereRouted(Collection<Dispatch> dispatches, Priority priority) {
    sendInBatches(dispatches, priority, Duration.ZERO);
  }

  /** The dispatch is due again after {@code delay}; the broker holds it until then. */
  public void dispatchWasDeferred(Dispatch dispatch, Priority priority, Duration delay) {
    send(DispatchBatch.of(dispatch), priority.jmsPriority(), delay);
  }

  /**
   * Dispatches due again together after {@code delay}, batched as {@link #dispatchesWereRouted}.
   */
  public void dispatchesWereDeferred(
      Collection<Dispatch> dispatches, Priority priority, Duration delay) {
    sendInBatches(dispatches, priority, delay);
  }

  /**
   * A batch the stage could not carry out (it was delivered before and rolled back): each member
   * goes on alone, so that one poison member is redelivered and dead-lettered by itself.
   */
  public void batchWasSplit(DispatchBatch batch, int jmsPriority) {
    batch.dispatches().forEach(d -> send(DispatchBatch.of(d), jmsPriority, Duration.ZERO));
  }

  private void sendInBatches(Collection<Dispatch> dispatches, Priority priority, Duration delay) {
    Map<String, List<Dispatch>> byTransport = new LinkedHashMap<>();
    dispatches.forEach(
        d -> byTransport.computeIfAbsent(d.transport(), t -> new ArrayList<>()).add(d));
    int size = Math.max(1, batchSize);
    byTransport.forEach(
        (transport, all) -> {
          for (int from = 0; from < all.size(); from += size) {
            List<Dispatch> chunk = all.subList(from, Math.min(all.size(), from + size));
            send(new DispatchBatch(transport, chunk), priority.jmsPriority(), delay);
          }
        });
  }

  // The JMS priority lets urgent messages overtake a backlog of normal ones on every stage; a
  // batch carries messages of one priority only, so that it keeps its place.
  private void send(DispatchBatch batch, int jmsPriority, Duration delay) {
    jms.createProducer()
        .setPriority(jmsPriority)
        .setProperty(TRANSPORT_PROPERTY, batch.transport())
        .setDeliveryDelay(delay.toMillis())
        .send(transport, JSON.toJson(batch));
  }

  /**
   * Reads a stage message of the transport stage: a batch, or a single dispatch as sent before
   * batches (still in a broker when the spooler was upgraded).
   */
  public static DispatchBatch readBatch(String json) {
    if (json.contains("\"dispatches\"")) {
      return JSON.fromJson(json, DispatchBatch.class);
    }
    return DispatchBatch.of(JSON.fromJson(json, Dispatch.class));
  }
}
