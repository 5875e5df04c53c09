package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spooler.testing.ScriptedSmtpServer;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Scale-out (README, "Scaling out"): two nodes in the cluster configuration
 * (standalone-cluster.xml) sharing one PostgreSQL database and one external Artemis broker, both
 * consuming every stage. A stream of messages goes to both; one node is killed with SIGKILL in the
 * middle of it; the survivor must deliver every accepted message, the only duplicates being sends
 * the dead node made whose outcome it had not committed (they carry the same Message-ID).
 */
class ClusterFailoverIT {

  private static final int MESSAGES = 300;
  private static final int CLIENTS = 4;

  /** At most this many sends of the dead node can be in flight: its transport stage's sessions. */
  private static final int MAX_IN_FLIGHT = 15;

  private static final int OFFSET_A = Integer.getInteger("it.cluster.port.offset.a", 800);
  private static final int OFFSET_B = Integer.getInteger("it.cluster.port.offset.b", 900);

  /** What a node logs when its sweep sent on recipients whose stage message was gone. */
  private static final String SWEEP_LOG_LINE = "[dev.spooler.retry.StrandedRecipients]";

  private static final int RELAY_PORT = Integer.getInteger("it.cluster.smtp.port", 3925);
  private static final int BROKER_PORT = Integer.getInteger("it.cluster.broker.port", 61716);

  @Test
  void theSurvivorDeliversEveryAcceptedMessageAfterAKill9() throws Exception {
    try (ExternalBroker broker = new ExternalBroker(Path.of("target/cluster-broker"), BROKER_PORT);
        ScriptedSmtpServer relay =
            new ScriptedSmtpServer(RELAY_PORT).delayEachMessage(Duration.ofMillis(50))) {
      broker.start();
      try (SpoolerNode a = node("a", "node-a", OFFSET_A);
          SpoolerNode b = node("b", "node-b", OFFSET_B)) {
        a.start();
        b.start();
        a.awaitReady();
        b.awaitReady();
        // The migrations have made the tables: from now on the kill finds two-phase commits
        // under way, every run (see SlowStoreCommits).
        SlowStoreCommits.install(
            System.getProperty("it.cluster.db.url"),
            System.getProperty("it.db.user", "postgres"),
            System.getProperty("it.db.password", "postgres"),
            System.getProperty("it.cluster.db.schema", "spooler_cluster"));

        Stream stream = new Stream(a, b);
        CompletableFuture<Void> submitting = stream.start();
        // Mid-run: a third accepted, deliveries under way, the rest of the stream still to come.
        await()
            .atMost(Duration.ofMinutes(2))
            .until(
                () ->
                    stream.accepted().size() >= MESSAGES / 3 && relay.transactions().size() >= 10
                        || submitting.isDone());
        a.kill();
        stream.nodeADied();
        int atRelayAtKill = relay.transactions().size();
        int acceptedAtKill = stream.accepted().size();
        submitting.get();
        List<String> accepted = stream.accepted();

        // Node A stays dead: the survivor delivers everything, including what A left in doubt
        // (its sweep sends on recipients whose stage message is gone or locked, after the lease).
        awaitDelivered(accepted, b, broker);
        long acceptedAtRelayBeforeRestart = arrivalsOf(accepted, relay);
        // What is still prepared at the broker now (node B is idle) is node A's: locked messages
        // that only A's own transaction manager can settle.
        int inDoubt = broker.preparedTransactions().size();

        // A comes back with its application, as an operator restarts a failed node: its recovery
        // settles what it left prepared at the broker, and whatever that releases is stale.
        a.start();
        a.awaitReady();
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(2))
            .until(() -> broker.preparedTransactions().isEmpty());
        long acceptedAtRelayAfterRecovery = arrivalsOf(accepted, relay);

        Map<String, Long> arrivals = RelayArrivals.byMessageId(relay);
        long duplicates =
            accepted.stream().mapToLong(id -> arrivals.getOrDefault(id, 0L) - 1).sum();
        List<String> unacknowledged =
            arrivals.keySet().stream().filter(id -> !accepted.contains(id)).toList();
        System.out.printf(
            "cluster test: submitted=%d, accepted=%d (by node A %d, by node B %d),"
                + " accepted before kill -9 of node A=%d, at relay at the kill=%d,"
                + " at relay in all=%d, accepted and delivered=%d, duplicates=%d,"
                + " delivered but never acknowledged to the client=%d,"
                + " left in doubt at the broker by node A=%d, messages sent on by the sweep=%d,"
                + " accepted messages' arrivals before node A's restart=%d, after its recovery=%d%n",
            stream.submitted(),
            accepted.size(),
            stream.acceptedBy(a),
            stream.acceptedBy(b),
            acceptedAtKill,
            atRelayAtKill,
            relay.transactions().size(),
            accepted.stream().filter(arrivals::containsKey).count(),
            duplicates,
            unacknowledged.size(),
            inDoubt,
            b.logLines(SWEEP_LOG_LINE) + a.logLines(SWEEP_LOG_LINE),
            acceptedAtRelayBeforeRestart,
            acceptedAtRelayAfterRecovery);
        assertThat(acceptedAtKill).as("node A was killed mid-stream").isLessThan(MESSAGES);
        assertThat(stream.acceptedBy(a)).isPositive();
        assertThat(inDoubt).as("node A died in the middle of two-phase commits").isPositive();
        assertThat(arrivals.keySet()).containsAll(accepted);
        assertThat(duplicates).isLessThanOrEqualTo(MAX_IN_FLIGHT);
        // A submission in flight to node A when it died may have committed without its 202.
        assertThat(unacknowledged).hasSizeLessThanOrEqualTo(CLIENTS);
        // A submission never acknowledged may still arrive (node A's recovery or the sweep sends
        // it); an accepted message, all delivered already, must not arrive again.
        assertThat(acceptedAtRelayAfterRecovery)
            .as("what node A's recovery released was already sent on: nothing more to send")
            .isEqualTo(acceptedAtRelayBeforeRestart);
      }
    }
  }

  /** How many times the relay has received the accepted messages, duplicates included. */
  private static long arrivalsOf(List<String> accepted, ScriptedSmtpServer relay) {
    Map<String, Long> arrivals = RelayArrivals.byMessageId(relay);
    return accepted.stream().mapToLong(id -> arrivals.getOrDefault(id, 0L)).sum();
  }

  /** Waits until node B reports every accepted message delivered; says why not if it does not. */
  private static void awaitDelivered(List<String> accepted, SpoolerNode b, ExternalBroker broker)
      throws Exception {
    try {
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> accepted.stream().allMatch(b::hasDelivered));
    } catch (ConditionTimeoutException e) {
      List<String> missing = accepted.stream().filter(id -> !b.hasDelivered(id)).toList();
      throw new AssertionError(
          "not delivered: "
              + missing.stream().map(b::describe).toList()
              + "; prepared at the broker: "
              + broker.preparedTransactionDetails(),
          e);
    }
  }

  private static SpoolerNode node(String name, String id, int offset) throws Exception {
    return new SpoolerNode(
        Path.of("target/cluster-node-" + name),
        offset,
        "standalone-cluster.xml",
        List.of(
            "-Dspooler.node.id=" + id,
            "-Dspooler.db.driver=postgresql",
            "-Dspooler.db.url=" + System.getProperty("it.cluster.db.url"),
            "-Dspooler.db.user=" + System.getProperty("it.db.user", "postgres"),
            "-Dspooler.db.password=" + System.getProperty("it.db.password", "postgres"),
            "-Dspooler.broker.port=" + BROKER_PORT,
            "-Dspooler.broker.user=" + ExternalBroker.USER,
            "-Dspooler.broker.password=" + ExternalBroker.PASSWORD,
            "-Dspooler.smtp.host=127.0.0.1",
            "-Dspooler.smtp.port=" + RELAY_PORT,
            "-Dspooler.retry.first=PT2S",
            "-Dspooler.retry.max-interval=PT5S",
            "-Dspooler.circuit.probe-interval=PT1S",
            // Recovery passes every 20 s instead of 2 min, so that the test is quick.
            "-DRecoveryEnvironmentBean.periodicRecoveryPeriod=20",
            // Stranded recipients sent on after 20 s instead of 15 min, looked for every 5 s.
            "-Dspooler.dispatch.lease=PT20S",
            "-Dspooler.dispatch.sweep-interval=PT5S"));
  }

  /**
   * {@value #MESSAGES} submissions from {@value #CLIENTS} clients, alternating between the nodes
   * (as a load balancer would); once node A is gone, what was meant for it goes to node B.
   */
  private static final class Stream {
    private final SpoolerNode a;
    private final SpoolerNode b;
    private final AtomicBoolean aIsDead = new AtomicBoolean();
    private final AtomicInteger submitted = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> acceptedByA = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> acceptedByB = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();

    Stream(SpoolerNode a, SpoolerNode b) {
      this.a = a;
      this.b = b;
    }

    CompletableFuture<Void> start() {
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        int n = i;
        all.add(CompletableFuture.runAsync(() -> submit(n), clients));
      }
      return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .whenComplete((done, failure) -> clients.shutdown());
    }

    void nodeADied() {
      aIsDead.set(true);
    }

    private void submit(int n) {
      String json =
          """
          {"from":"alice@example.org","to":["bob@example.org"],"subject":"cluster %d","body":"b"}
          """
              .formatted(n);
      submitted.incrementAndGet();
      if (n % 2 == 0 && !aIsDead.get()) {
        Optional<String> id = accept(a, json);
        if (id.isPresent()) {
          acceptedByA.add(id.get());
          accepted.add(id.get());
          return;
        }
        submitted.incrementAndGet(); // refused by the dying node: the client tries the other
      }
      String id = accept(b, json).orElseThrow(() -> new AssertionError("node B refused " + n));
      acceptedByB.add(id);
      accepted.add(id);
    }

    /** The message id of a 202, or empty when the node did not accept it. */
    private static Optional<String> accept(SpoolerNode node, String json) {
      try {
        HttpResponse<String> response = node.client().post("messages", json);
        return response.statusCode() == 202
            ? Optional.of(SpoolerClient.json(response).getString("id"))
            : Optional.empty();
      } catch (UncheckedIOException e) {
        return Optional.empty();
      }
    }

    List<String> accepted() {
      return List.copyOf(accepted);
    }

    int acceptedBy(SpoolerNode node) {
      return node == a ? acceptedByA.size() : acceptedByB.size();
    }

    int submitted() {
      return submitted.get();
    }
  }
}
