package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What operators scrape and read: the Prometheus endpoint of the server's micrometer registry, the
 * health endpoints, and the OpenAPI document of the REST API.
 */
@ExtendWith(ArquillianExtension.class)
class OperationsEndpointsIT {

  private final SpoolerClient spooler = new SpoolerClient();

  @ArquillianResource private ManagementClient management;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @Test
  void metricsMoveAsMessagesFlow() {
    String delivered = "spooler_recipients_delivered_total{transport=\"smtp\"";
    String deferred = "spooler_recipients_deferred_total{transport=\"smtp\"";
    String submitted = "spooler_recipients_submitted_total{transport=\"smtp\"";
    String latency =
        "spooler_delivery_latency_seconds_count{outcome=\"delivered\",transport=\"smtp\"";
    String slowest =
        "spooler_delivery_latency_histogram_total{le=\"+Inf\",outcome=\"delivered\",transport=\"smtp\"";
    String before = scrape();

    // Relay down: routed and deferred; relay up: delivered, with its latency.
    submit();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> value(scrape(), deferred) >= value(before, deferred) + 1);
    GreenMail relay = TestRelay.start();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> value(scrape(), delivered) >= value(before, delivered) + 1);
    } finally {
      relay.stop();
    }
    String after = scrape();

    assertThat(value(after, submitted)).isGreaterThanOrEqualTo(value(before, submitted) + 1);
    assertThat(value(after, latency)).isGreaterThanOrEqualTo(value(before, latency) + 1);
    assertThat(value(after, slowest)).isGreaterThanOrEqualTo(value(before, slowest) + 1);
    // Gauges with a number (the broker's NaN would mean its queue could not be read).
    assertThat(after)
        .containsPattern("(?m)^spooler_queue_recipients\\{[^}]*state=\"deferred\"[^}]*} \\d");
    assertThat(after)
        .containsPattern(
            "(?m)^spooler_broker_queue_messages\\{[^}]*queue=\"spooler.transport\"[^}]*} \\d");
  }

  @Test
  void readinessCoversStoreBrokerAndEachTransportAndLivenessEachStage() {
    HttpResponse<String> ready = spooler.get("health/ready");
    HttpResponse<String> live = spooler.get("health/live");

    assertThat(names(ready))
        .contains("database", "broker", "transport:smtp", "transport:local", "transport:jms");
    assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
    assertThat(names(live))
        .containsExactlyInAnyOrder(
            "stage:spooler.submit",
            "stage:spooler.submitted",
            "stage:spooler.transport",
            "stage:spooler.received");
  }

  @Test
  void openApiDocumentListsEveryResourcePath() throws Exception {
    HttpResponse<String> document = spooler.get(SpoolerClient.API.resolve("/openapi"));

    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.body())
        .startsWith("---")
        .contains("openapi: 3.", "title: Spooler REST API");
    Set<String> documented = new TreeSet<>();
    Matcher paths = Pattern.compile("(?m)^  (/api/\\S*):$").matcher(document.body());
    while (paths.find()) {
      documented.add(paths.group(1));
    }
    Set<String> served = servedResourcePaths();
    assertThat(served)
        .contains("/api/queue/{state}", "/api/tracking", "/api/queue/messages/{id}/retry");
    assertThat(documented).containsAll(served);
  }

  /**
   * README "Memory": the test server runs with the default heap, the broker keeps at most a quarter
   * of it in memory, and Artemis, which adds up the address limits at boot, found them below the
   * heap (no AMQ222205 "OutOfMemoryError possible" in the boot log).
   */
  @Test
  void brokerMemoryIsBoundedWithinTheHeap() throws Exception {
    long heap =
        read(address("core-service", "platform-mbean", "type", "memory"), "heap-memory-usage")
            .get("max")
            .asLong();
    ModelNode broker = address("subsystem", "messaging-activemq", "server", "default");
    long global = read(broker, "global-max-memory-size").asLong();
    ModelNode spoolerQueues = broker.clone().add("address-setting", "jms.queue.spooler.#");
    long perQueue = read(spoolerQueues, "max-size-bytes").asLong();

    assertThat(heap).isBetween(400L << 20, 512L << 20);
    assertThat(global).isPositive().isLessThanOrEqualTo(heap / 4);
    assertThat(perQueue).isPositive().isLessThan(global);
    ModelNode readLog = new ModelNode();
    readLog.get("operation").set("read-log-file");
    readLog.get("address").set(address("subsystem", "logging", "log-file", "server.log"));
    readLog.get("lines").set(-1);
    readLog.get("tail").set(false);
    ModelNode log = execute(readLog);
    String bootLog = String.join("\n", log.asList().stream().map(ModelNode::asString).toList());
    assertThat(bootLog).contains("AMQ221007").doesNotContain("AMQ222205");
  }

  private static ModelNode address(String... pairs) {
    ModelNode address = new ModelNode().setEmptyList();
    for (int i = 0; i < pairs.length; i += 2) {
      address.add(pairs[i], pairs[i + 1]);
    }
    return address;
  }

  private ModelNode read(ModelNode address, String attribute) throws Exception {
    ModelNode op = new ModelNode();
    op.get("operation").set("read-attribute");
    op.get("address").set(address);
    op.get("name").set(attribute);
    return execute(op);
  }

  private ModelNode execute(ModelNode op) throws Exception {
    ModelNode result = management.getControllerClient().execute(op);
    assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("success");
    return result.get("result");
  }

  /** Every resource path the server's JAX-RS subsystem reports for the web module. */
  private Set<String> servedResourcePaths() throws Exception {
    ModelNode op = new ModelNode();
    op.get("operation").set("read-resource");
    op.get("recursive").set(true);
    op.get("include-runtime").set(true);
    ModelNode address = op.get("address");
    address.add("deployment", "spooler.ear");
    address.add("subdeployment", "spooler-web.war");
    address.add("subsystem", "jaxrs");
    ModelNode result = management.getControllerClient().execute(op);
    assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("success");
    Set<String> paths = new TreeSet<>();
    collect(result.get("result"), paths);
    return paths;
  }

  private static void collect(ModelNode node, Set<String> paths) {
    switch (node.getType()) {
      case OBJECT, PROPERTY -> {
        for (String key : node.keys()) {
          ModelNode value = node.get(key);
          if (key.equals("resource-path") && value.isDefined()) {
            String path = value.asString().replaceAll("/+$", "");
            paths.add(
                path.startsWith("/api") ? path : "/api" + (path.startsWith("/") ? "" : "/") + path);
          } else {
            collect(value, paths);
          }
        }
      }
      case LIST -> node.asList().forEach(child -> collect(child, paths));
      default -> {}
    }
  }

  private Set<String> names(HttpResponse<String> health) {
    Set<String> names = new TreeSet<>();
    SpoolerClient.json(health)
        .getJsonArray("checks")
        .getValuesAs(JsonObject.class)
        .forEach(c -> names.add(c.getString("name")));
    return names;
  }

  private void submit() {
    HttpResponse<String> accepted =
        spooler.post(
            "messages",
            Json.createObjectBuilder()
                .add("from", "metrics-" + UUID.randomUUID() + "@example.org")
                .add("to", Json.createArrayBuilder().add("mia@example.org"))
                .add("subject", "metrics")
                .add("body", "b")
                .add("notify", Json.createArrayBuilder().add("NEVER"))
                .build()
                .toString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
  }

  private String scrape() {
    HttpResponse<String> response = spooler.get(SpoolerClient.MANAGEMENT.resolve("prometheus"));
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /**
   * The value of the first sample named as {@code selector} is ({@code name{a="1",b="2"}}) that has
   * all of its labels, in any order and among others; 0 if none.
   */
  private static double value(String scrape, String selector) {
    int brace = selector.indexOf('{');
    String name = selector.substring(0, brace);
    String[] labels = selector.substring(brace + 1).replace("}", "").split(",");
    return scrape
        .lines()
        .filter(l -> l.startsWith(name + "{"))
        .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
        .findFirst()
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .orElse(0.0);
  }
}
