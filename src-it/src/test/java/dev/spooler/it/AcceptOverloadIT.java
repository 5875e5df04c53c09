package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spooler.testing.ScriptedSmtpServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Overload is an answer, not a loss: a server whose accept queue holds two submissions, offered 32
 * concurrent clients, answers some of them 503 with Retry-After (nothing stored), and delivers
 * every message it answered 202 exactly once.
 */
class AcceptOverloadIT {

  private static final int RELAY_PORT = Integer.getInteger("it.crash.smtp.port", 3026);
  private static final int PORT_OFFSET = Integer.getInteger("it.crash.port.offset", 200);
  private static final int CLIENTS = 32;
  private static final int EACH = 15;

  @Test
  void aFullAcceptQueueAnswers503WithRetryAfterAndEveryAcceptedMessageArrivesOnce()
      throws Exception {
    try (ScriptedSmtpServer relay = new ScriptedSmtpServer(RELAY_PORT);
        // A tiny queue, one message per transaction: accepting falls behind at once.
        SpoolerNode node =
            SpoolerNode.relayingTo(
                RELAY_PORT,
                Path.of("target/overload-node"),
                PORT_OFFSET,
                "-Dspooler.accept.capacity=2",
                "-Dspooler.accept.workers=1",
                "-Dspooler.accept.batch-size=1")) {
      node.start();
      node.awaitReady();

      ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
      AtomicInteger overloaded = new AtomicInteger();
      ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        done.add(
            clients.submit(
                () -> {
                  for (int i = 0; i < EACH; i++) {
                    HttpResponse<String> response =
                        node.client()
                            .post(
                                "messages",
                                """
                                {"from":"alice@example.org","to":["bob@example.org"],
                                 "subject":"load %d-%d","body":"b"}
                                """
                                    .formatted(client, i));
                    if (response.statusCode() == 202) {
                      accepted.add(SpoolerClient.json(response).getString("id"));
                    } else if (response.statusCode() == 503
                        && response.headers().firstValue("Retry-After").isPresent()
                        && response
                            .headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .equals("application/problem+json")) {
                      overloaded.incrementAndGet();
                    } else {
                      unexpected.add(response.statusCode() + " " + response.body());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      clients.shutdown();
      System.out.printf(
          "overload: offered=%d, accepted (202)=%d, refused (503 + Retry-After)=%d%n",
          CLIENTS * EACH, accepted.size(), overloaded.get());

      assertThat(unexpected).isEmpty();
      assertThat(overloaded.get()).as("some answered 503").isPositive();
      assertThat(accepted).as("some accepted").isNotEmpty();
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> RelayArrivals.byMessageId(relay).size() >= accepted.size());
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> accepted.stream().allMatch(node::hasDelivered));
      Map<String, Long> arrivals = RelayArrivals.byMessageId(relay);
      assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
      assertThat(RelayArrivals.duplicates(arrivals)).as("each exactly once").isZero();
    }
  }
}
