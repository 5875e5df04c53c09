package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spooler.testing.ScriptedSmtpServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Crash safety: accepted messages deferred while the relay is down, a clean restart, a slow relay,
 * a kill -9 of the server in the middle of delivery, a restart on the same store and journal. Every
 * accepted message must reach the relay; the only duplicates allowed are sends that happened before
 * the crash but whose outcome was not committed, and they carry the same Message-ID.
 */
class CrashRecoveryIT {

  private static final int MESSAGES = 300;
  private static final int RELAY_PORT = Integer.getInteger("it.crash.smtp.port", 3026);
  private static final int PORT_OFFSET = Integer.getInteger("it.crash.port.offset", 200);

  /** At most this many sends can be in flight at the crash: the transport stage's sessions. */
  private static final int MAX_IN_FLIGHT = 15;

  @Test
  void everyAcceptedMessageIsDeliveredAfterAKill9() throws Exception {
    try (SpoolerNode node =
        new SpoolerNode(
            Path.of("target/crash-node"),
            PORT_OFFSET,
            List.of(
                "-Dspooler.smtp.host=127.0.0.1",
                "-Dspooler.smtp.port=" + RELAY_PORT,
                "-Dspooler.retry.first=PT2S",
                "-Dspooler.retry.max-interval=PT5S",
                "-Dspooler.circuit.probe-interval=PT1S",
                // Recipients whose dispatch the kill left locked are sent on 20 s after it was
                // due, instead of waiting for the transaction manager's 2-minute recovery pass.
                "-Dspooler.dispatch.lease=PT20S",
                "-Dspooler.dispatch.sweep-interval=PT5S"))) {
      node.start();
      node.awaitReady();

      // The relay is down while they are accepted: every message is stored and deferred.
      List<String> accepted = submit(node, MESSAGES);
      // A clean restart first: deferred messages wait in the store and the broker's journal.
      node.close();
      node.start();
      node.awaitReady();
      try (ScriptedSmtpServer relay =
          new ScriptedSmtpServer(RELAY_PORT).delayEachMessage(Duration.ofMillis(50))) {
        await()
            .atMost(Duration.ofMinutes(2))
            .until(() -> relay.transactions().size() >= MESSAGES / 3);
        node.kill();
        int beforeCrash = relay.transactions().size();

        node.start();
        node.awaitReady();
        // A dispatch whose XA transaction was prepared when the server died stays locked until the
        // transaction manager's recovery pass (every 2 minutes); its recipients do not wait for
        // it: the sweep sends them on once the lease is over.
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(2))
            .until(() -> accepted.stream().allMatch(node::hasDelivered));

        Map<String, Long> arrivals = RelayArrivals.byMessageId(relay);
        long duplicates = RelayArrivals.duplicates(arrivals);
        System.out.printf(
            "crash test: accepted=%d, at relay before kill -9=%d, after restart=%d,"
                + " distinct Message-IDs=%d, duplicates=%d%n",
            accepted.size(), beforeCrash, relay.transactions().size(), arrivals.size(), duplicates);
        assertThat(accepted).hasSize(MESSAGES);
        assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(duplicates).isLessThanOrEqualTo(MAX_IN_FLIGHT);
      }
    }
  }

  private static List<String> submit(SpoolerNode node, int count) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> ids = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String json =
            """
            {"from":"alice@example.org","to":["bob@example.org"],"subject":"crash %d","body":"b"}
            """
                .formatted(i);
        ids.add(clients.submit(() -> accept(node, json)));
      }
      List<String> accepted = new ArrayList<>();
      for (Future<String> id : ids) {
        accepted.add(id.get());
      }
      return Collections.unmodifiableList(accepted);
    } finally {
      clients.shutdownNow();
    }
  }

  private static String accept(SpoolerNode node, String json) {
    HttpResponse<String> response = node.client().post("messages", json);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return SpoolerClient.json(response).getString("id");
  }
}
