package dev.spooler.it;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

/**
 * The shared broker of the cluster topology: an Apache ActiveMQ Artemis instance made by the
 * distribution's {@code artemis create} (unpacked by the build into {@code artemis.home}) and
 * configured with the repository's broker.xml, listening on 127.0.0.1 at one port, CORE only.
 */
final class ExternalBroker implements AutoCloseable {

  static final String USER = "spooler";
  static final String PASSWORD = "spooler";

  private final Path instance;
  private final int port;
  private Process process;

  ExternalBroker(Path instance, int port) {
    this.instance = instance;
    this.port = port;
  }

  int port() {
    return port;
  }

  /**
   * Makes a fresh instance (an empty journal) and starts it; returns once it accepts connections.
   */
  void start() throws IOException, InterruptedException {
    // Another broker on the port would take the nodes' connections and the test would measure it.
    try (Socket taken = new Socket()) {
      taken.connect(new InetSocketAddress("127.0.0.1", port), 500);
      throw new IllegalStateException(
          "port "
              + port
              + " is already in use: stop what listens there or set -Dit.cluster.broker.port");
    } catch (IOException free) {
      // nothing listens: the port is ours
    }
    Path home = Path.of(System.getProperty("artemis.home"));
    run(
        List.of(
            "bash",
            home.resolve("bin/artemis").toString(),
            "create",
            instance.toString(),
            "--force",
            "--silent",
            "--require-login",
            "--user=" + USER,
            "--password=" + PASSWORD,
            "--role=amq",
            "--host=127.0.0.1",
            "--name=spooler-broker",
            "--nio",
            "--no-autotune",
            "--no-web"));
    deleteJournal();
    Files.copy(
        Path.of(System.getProperty("spooler.broker.xml")),
        instance.resolve("etc/broker.xml"),
        StandardCopyOption.REPLACE_EXISTING);
    ProcessBuilder builder =
        new ProcessBuilder("bash", instance.resolve("bin/artemis").toString(), "run")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log()));
    builder.environment().put("JAVA_ARGS", "-Xms64m -Xmx512m");
    builder.environment().put("ARTEMIS_CLUSTER_PROPS", "-Dspooler.broker.port=" + port);
    process = builder.start();
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300)).until(this::accepts);
  }

  /**
   * The XA transactions prepared at the broker and not yet committed or rolled back (their messages
   * are locked meanwhile): what a node that died left in doubt.
   */
  List<String> preparedTransactions() throws Exception {
    Object result = invoke("listPreparedTransactions");
    return result instanceof Object[] all
        ? Arrays.stream(all).map(String::valueOf).toList()
        : List.of();
  }

  /** The prepared transactions with the messages they hold, as the broker describes them. */
  String preparedTransactionDetails() throws Exception {
    return String.valueOf(invoke("listPreparedTransactionDetailsAsJSON"));
  }

  /** Calls a broker management operation through the management address (Core protocol). */
  private Object invoke(String operation) throws Exception {
    try (ServerLocator locator =
            ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + port + "?reconnectAttempts=0");
        ClientSessionFactory factory = locator.createSessionFactory();
        ClientSession session = factory.createSession(USER, PASSWORD, false, true, true, false, 1);
        ClientRequestor requestor = new ClientRequestor(session, "activemq.management")) {
      session.start();
      ClientMessage request = session.createMessage(false);
      ManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, operation);
      ClientMessage reply = requestor.request(request, Duration.ofSeconds(10).toMillis());
      if (reply == null || !ManagementHelper.hasOperationSucceeded(reply)) {
        throw new IllegalStateException(
            operation
                + " failed: "
                + (reply == null ? "no reply" : ManagementHelper.getResult(reply)));
      }
      return ManagementHelper.getResult(reply);
    }
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void deleteJournal() throws IOException {
    try (var paths = Files.walk(instance.resolve("data"))) {
      paths
          .sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .map(Path::toFile)
          .forEach(File::delete);
    }
  }

  private File log() {
    return instance.resolve("broker-console.log").toFile();
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    Files.createDirectories(instance);
    Process create =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(
                    instance.resolveSibling("artemis-create.log").toFile()))
            .start();
    if (!create.waitFor(2, TimeUnit.MINUTES) || create.exitValue() != 0) {
      throw new IllegalStateException(
          "artemis create failed: see artemis-create.log beside " + instance);
    }
  }

  @Override
  public void close() throws InterruptedException {
    SpoolerNode.stop(process);
  }
}
