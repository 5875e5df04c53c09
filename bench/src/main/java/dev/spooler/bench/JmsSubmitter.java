package dev.spooler.bench;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A remote producer on {@code spooler.submit} (README "JMS interface"): a TextMessage of the REST
 * JSON with an idempotency key and a temporary reply queue; accepted means the spooler's {@code
 * accepted} reply has arrived, i.e. the submission is committed in the store.
 */
final class JmsSubmitter implements Submitter {

  private final JMSContext context;
  private final Queue submit;
  private final TemporaryQueue replies;
  private final JMSConsumer consumer;
  private final JMSProducer producer;
  private final Workload workload;
  private final String run;
  private final String body;
  private final String keyPrefix;

  JmsSubmitter(
      ActiveMQConnectionFactory factory, BenchConfig config, Workload workload, String run) {
    this.context = factory.createContext(config.user(), config.password());
    this.submit = context.createQueue("spooler.submit");
    this.replies = context.createTemporaryQueue();
    this.consumer = context.createConsumer(replies);
    this.producer = context.createProducer().setJMSReplyTo(replies);
    this.workload = workload;
    this.run = run;
    this.body = Workload.escapedBody(workload.bodyBytes());
    this.keyPrefix = "bench-" + run + "-" + System.currentTimeMillis() + "-";
  }

  /** The client factory of the README: core protocol over HTTP upgrade on the HTTP port. */
  static ActiveMQConnectionFactory factory(BenchConfig config) {
    return new ActiveMQConnectionFactory(
        "tcp://127.0.0.1:"
            + config.httpPort()
            + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&enable1xPrefixes=true");
  }

  @Override
  public void submit(int seq) throws Exception {
    String key = keyPrefix + seq;
    producer.setProperty("spoolerIdempotencyKey", key).send(submit, workload.json(run, seq, body));
    // Status replies of earlier messages share the queue: wait for this one's acceptance.
    while (true) {
      Message reply = consumer.receive(60_000);
      if (reply == null) {
        throw new IllegalStateException("no reply to " + key + " within 60 s");
      }
      String type = reply.getStringProperty("spoolerReply");
      if (key.equals(reply.getJMSCorrelationID()) && !"status".equals(type)) {
        if (!"accepted".equals(type)) {
          throw new IllegalStateException(key + " " + type + ": " + reply.getBody(String.class));
        }
        return;
      }
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
