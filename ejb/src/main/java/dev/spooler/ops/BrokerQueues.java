package dev.spooler.ops;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.OptionalLong;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The spooler's broker queues as WildFly's management model shows them, read through the platform
 * MBean server (the jmx subsystem exposes the resolved model). Chosen over Artemis's management
 * address: that needs a user with the {@code manage} permission, and this needs no credentials
 * inside the server and reads the same numbers the CLI does.
 */
@ApplicationScoped
public class BrokerQueues {

  /** The queues whose depth operators watch. */
  public static final List<String> QUEUES =
      List.of(
          "spooler.submit",
          "spooler.submitted",
          "spooler.transport",
          "spooler.received",
          "spooler.dead",
          "spooler.submit.rejected");

  /** The queues a stage consumes: each must have a consumer while the spooler is alive. */
  public static final List<String> STAGE_QUEUES =
      List.of("spooler.submit", "spooler.submitted", "spooler.transport", "spooler.received");

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  /** Messages in the queue, including those scheduled for later (deferred retries). */
  public OptionalLong messages(String queue) {
    return read(queue, "messageCount");
  }

  /** Messages waiting for their delivery time (deferred retries, deferred submissions). */
  public OptionalLong scheduled(String queue) {
    return read(queue, "scheduledCount");
  }

  public OptionalLong consumers(String queue) {
    return read(queue, "consumerCount");
  }

  private OptionalLong read(String queue, String attribute) {
    try {
      ObjectName name =
          new ObjectName("jboss.as:subsystem=messaging-activemq,server=default,jms-queue=" + queue);
      Object value = server.getAttribute(name, attribute);
      return value instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    } catch (JMException | RuntimeException e) {
      return OptionalLong.empty(); // not there (yet): the caller shows it as unknown
    }
  }
}
