package dev.spooler.it;

import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Creates the queue of "another application" that JMS-transport tests forward to, through the
 * server's management API, and removes it afterwards.
 */
public class OrdersQueueSetup implements ServerSetupTask {

  static final String QUEUE = "orders.inbox";
  static final String JNDI = "java:global/jms/test/orders.inbox";

  @Override
  public void setup(ManagementClient client, String containerId) throws Exception {
    ModelNode add = operation("add");
    add.get("entries").add(JNDI);
    execute(client, add);
  }

  @Override
  public void tearDown(ManagementClient client, String containerId) throws Exception {
    execute(client, operation("remove"));
  }

  private static ModelNode operation(String name) {
    ModelNode op = new ModelNode();
    op.get("operation").set(name);
    ModelNode address = op.get("address");
    address.add("subsystem", "messaging-activemq");
    address.add("server", "default");
    address.add("jms-queue", QUEUE);
    return op;
  }

  private static void execute(ManagementClient client, ModelNode op) throws Exception {
    ModelNode result = client.getControllerClient().execute(op);
    if (!"success".equals(result.get("outcome").asString())) {
      throw new IllegalStateException("management operation failed: " + result);
    }
  }
}
