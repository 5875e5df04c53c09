package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.spooler.testing.ScriptedSmtpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Store and forward through the real server: the test server retries after 2 s (doubling up to 8
 * s), warns of delay after 3 s and probes an open circuit every second.
 */
@ExtendWith(ArquillianExtension.class)
class StoreAndForwardIT {

  private static final int RELAY_PORT = Integer.getInteger("it.smtp.port", 3025);

  private final SpoolerClient spooler = new SpoolerClient();
  private GreenMail greenMail;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @AfterEach
  void stopRelay() {
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  @Test
  void deferredRecipientIsDeliveredWhenRelayComesBack() {
    URI message = submit(Json.createObjectBuilder());

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonObject bob = recipient(message);
              assertThat(bob.getString("status")).isEqualTo("DEFERRED");
              assertThat(bob.getInt("attempts")).isGreaterThanOrEqualTo(1);
              assertThat(bob.getString("diagnostic")).contains("cannot talk to relay");
              assertThat(bob.getString("nextAttemptAt")).isNotEmpty();
              assertThat(bob.getString("delayWarnedAt", null)).isNotNull();
            });
    String warnedAt = recipient(message).getString("delayWarnedAt");
    assertThat(transport("smtp").getJsonObject("circuit").getBoolean("open")).isTrue();

    greenMail = startGreenMail();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(recipient(message).getString("status")).isEqualTo("DELIVERED"));
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(recipient(message).getString("delayWarnedAt")).as("warned once").isEqualTo(warnedAt);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(transport("smtp").getJsonObject("circuit").getBoolean("open"))
                    .isFalse());
  }

  @Test
  void recipientStillUndeliveredAtItsExpiryFailsAsExpired() {
    URI message =
        submit(
            Json.createObjectBuilder().add("expiresAt", Instant.now().plusSeconds(3).toString()));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonObject bob = recipient(message);
              assertThat(bob.getString("status")).isEqualTo("FAILED");
              assertThat(bob.getString("statusCode")).isEqualTo("4.4.7");
              assertThat(bob.getString("diagnostic")).contains("expired");
            });
  }

  @Test
  void deferredDeliveryIsNotSentBeforeItsTime() {
    greenMail = startGreenMail();
    Instant notBefore = Instant.now().plusSeconds(4);

    URI message = submit(Json.createObjectBuilder().add("deferUntil", notBefore.toString()));

    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> greenMail.getReceivedMessages().length == 0);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(greenMail.getReceivedMessages()).hasSize(1));
    assertThat(Instant.now()).isAfterOrEqualTo(notBefore);
    // The relay has the message as soon as SMTP is done; the stage commits DELIVERED just after.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(recipient(message).getString("status")).isEqualTo("DELIVERED"));
  }

  private static final int BACKLOG = 60;

  @Test
  void urgentMessageOvertakesABacklogOfNormalOnes() throws Exception {
    // A stalled relay: the transport stage fills up and the rest of the backlog waits in the queue.
    try (ScriptedSmtpServer stalledRelay = new ScriptedSmtpServer(RELAY_PORT).holdMessages()) {
      // One client: each submission is its own accept transaction, so each stage message carries
      // one
      // message and the bound below counts messages. Concurrent clients would have their messages
      // stored and routed together (group commit), and what the stage holds would be batches.
      ExecutorService clients = Executors.newSingleThreadExecutor();
      try {
        List<Future<URI>> backlog = new ArrayList<>();
        for (int i = 0; i < BACKLOG; i++) {
          String subject = "normal " + i;
          backlog.add(
              clients.submit(() -> submit(Json.createObjectBuilder().add("subject", subject))));
        }
        for (Future<URI> f : backlog) {
          await().atMost(Duration.ofSeconds(30)).until(f::isDone);
          await().atMost(Duration.ofSeconds(30)).until(() -> isRouted(f.get()));
        }
      } finally {
        clients.shutdownNow();
      }
      URI urgent =
          submit(Json.createObjectBuilder().add("subject", "urgent").add("priority", "urgent"));
      await().atMost(Duration.ofSeconds(30)).until(() -> isRouted(urgent));

      stalledRelay.releaseMessages();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> stalledRelay.transactions().size() == BACKLOG + 1);
      List<String> order =
          stalledRelay.transactions().stream()
              .map(
                  t ->
                      t.data()
                          .lines()
                          .filter(l -> l.startsWith("Subject: "))
                          .findFirst()
                          .orElse(""))
              .toList();
      int urgentAt = order.indexOf("Subject: urgent");
      System.out.printf(
          "urgent message delivered %d of %d, after %d of the %d normal ones submitted before it%n",
          urgentAt + 1, BACKLOG + 1, urgentAt, BACKLOG);
      // In arrival order it would be last (60). Only what the stage already held may go first: its
      // 15 sessions, each with the dispatch it works on and at most one more it was handed.
      assertThat(urgentAt).as("normal messages delivered before the urgent one").isLessThan(32);
    }
  }

  /** Routed: the recipient was handed to the SMTP transport and its dispatch is queued. */
  private boolean isRouted(URI message) {
    return "smtp".equals(recipient(message).getString("transport", null));
  }

  private URI submit(JsonObjectBuilder options) {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("from", "alice@example.org")
            .add("to", Json.createArrayBuilder().add("bob@example.org"))
            .add("subject", "store and forward")
            .add("body", "b")
            // No delay notices or NDRs to alice: they would be extra mail at the relay.
            .add("notify", Json.createArrayBuilder().add("NEVER"));
    options.build().forEach(body::add);
    HttpResponse<String> accepted = spooler.post("messages", body.build().toString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return URI.create(accepted.headers().firstValue("Location").orElseThrow());
  }

  private JsonObject recipient(URI message) {
    return SpoolerClient.json(spooler.get(message)).getJsonArray("recipients").getJsonObject(0);
  }

  private JsonObject transport(String name) {
    return Json.createReader(new java.io.StringReader(spooler.get("transports").body()))
        .readArray()
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(t -> t.getString("name").equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static GreenMail startGreenMail() {
    GreenMail relay = new GreenMail(new ServerSetup(RELAY_PORT, "127.0.0.1", "smtp"));
    relay.start();
    return relay;
  }
}
