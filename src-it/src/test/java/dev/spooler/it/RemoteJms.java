package dev.spooler.it;

import jakarta.jms.JMSContext;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A remote application's view of the spooler's broker, exactly as the README shows it: the plain
 * Artemis Jakarta client through the server's HTTP port (HTTP upgrade to the http-acceptor), as the
 * application user the build created.
 */
final class RemoteJms {

  /**
   * {@code enable1xPrefixes}: WildFly names the addresses of its JMS queues and topics {@code
   * jms.queue.NAME} and {@code jms.topic.NAME}; with it the client adds the prefix itself, also to
   * the temporary reply queues whose names the spooler answers to.
   */
  static final String URL =
      "tcp://127.0.0.1:"
          + (8080 + SpoolerClient.PORT_OFFSET)
          + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&enable1xPrefixes=true";

  private static final String USER = System.getProperty("it.jms.user", "spooler-it");
  private static final String PASSWORD = System.getProperty("it.jms.password", "spooler-it-1!");

  // One factory (one server locator) for the whole test run, as an application would keep it.
  private static final ActiveMQConnectionFactory FACTORY = new ActiveMQConnectionFactory(URL);

  private RemoteJms() {}

  static JMSContext connect() {
    return FACTORY.createContext(USER, PASSWORD);
  }

  /** A connection as test user {@code user} (add-test-users.sh: password "user-1!"). */
  static JMSContext connectAs(String user) {
    return FACTORY.createContext(user, user + "-1!");
  }

  static JMSContext connectWith(String user, String password) {
    return FACTORY.createContext(user, password);
  }

  /** A connection without credentials: refused by the broker. */
  static JMSContext connectAnonymously() {
    return FACTORY.createContext();
  }

  /** A connection with a client id, as a durable subscriber needs. */
  static JMSContext connect(String clientId) {
    JMSContext context = FACTORY.createContext(USER, PASSWORD);
    context.setClientID(clientId);
    return context;
  }
}
