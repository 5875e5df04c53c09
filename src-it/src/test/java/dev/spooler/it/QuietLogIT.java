package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Handled situations stay out of the server log's ERROR lines: a live-event client that leaves, and
 * first deliveries racing to create one new mailbox. The test reads the test server's log from
 * where it stood when the test began, so that only what this test provoked is judged.
 */
@ExtendWith(ArquillianExtension.class)
class QuietLogIT {

  private static final Path SERVER_LOG =
      Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");

  private final SpoolerClient spooler = new SpoolerClient();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @Test
  void aLeavingEventClientAndARaceForANewMailboxLogNoError() throws Exception {
    long start = SERVER_LOG.toFile().length();

    SseClient events = new SseClient(SpoolerClient.API.resolve("queue/events"), null);
    assertThat(events.status()).isEqualTo(200);
    assertThat(events.next(Duration.ofSeconds(10))).isNotNull();
    events.close();

    // Parallel first deliveries to one mailbox that does not exist yet; each status change they
    // cause is also pushed to the stream that just left.
    String owner = "quiet-" + System.nanoTime();
    List<CompletableFuture<Integer>> sends =
        IntStream.range(0, 6)
            .mapToObj(
                i -> CompletableFuture.supplyAsync(() -> submit("LOCAL:" + owner, "race " + i)))
            .toList();
    sends.forEach(s -> assertThat(s.join()).isEqualTo(202));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                spooler.get("mailboxes/" + owner + "/folders/Inbox/messages").statusCode() == 200
                    && SpoolerClient.json(
                                spooler.get("mailboxes/" + owner + "/folders/Inbox/messages"))
                            .getJsonNumber("total")
                            .longValue()
                        == 6);

    // The server finds the stream gone at its next send or keepalive (every 20 s).
    await()
        .during(Duration.ofSeconds(25))
        .atMost(Duration.ofSeconds(40))
        .untilAsserted(() -> assertThat(errorsSince(start)).isEmpty());
  }

  private int submit(String to, String subject) {
    return spooler
        .post(
            "messages",
            Json.createObjectBuilder()
                .add("from", "quiet@example.org")
                .add("to", Json.createArrayBuilder().add(to))
                .add("subject", subject)
                .add("body", "b")
                .add("notify", Json.createArrayBuilder().add("NEVER"))
                .build()
                .toString())
        .statusCode();
  }

  private static List<String> errorsSince(long offset) throws IOException {
    try (RandomAccessFile log = new RandomAccessFile(SERVER_LOG.toFile(), "r")) {
      log.seek(Math.min(offset, log.length()));
      byte[] tail = new byte[(int) (log.length() - log.getFilePointer())];
      log.readFully(tail);
      return new String(tail, StandardCharsets.UTF_8)
          .lines()
          .filter(line -> line.matches("^\\S+ \\S+ ERROR .*|^\\S+ ERROR .*"))
          .toList();
    }
  }
}
