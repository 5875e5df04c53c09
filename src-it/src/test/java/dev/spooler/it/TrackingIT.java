package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spooler.testing.ScriptedSmtpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tracking log through REST: a message deferred twice, then delivered, from start to end. */
@ExtendWith(ArquillianExtension.class)
class TrackingIT {

  private static final int RELAY_PORT = Integer.getInteger("it.smtp.port", 3025);

  private final SpoolerClient spooler = new SpoolerClient();
  private ScriptedSmtpServer relay;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @AfterEach
  void stopRelay() throws Exception {
    if (relay != null) {
      relay.close();
    }
  }

  @Test
  void trackingShowsEveryDeferralAndTheDeliveryOfAMessage() throws Exception {
    // A relay that answers tom's RCPT with 451 until told otherwise.
    relay =
        new ScriptedSmtpServer(RELAY_PORT)
            .replyToRecipient("tom@example.org", "451 4.3.0 try again later");
    String sender = "tracked-" + UUID.randomUUID() + "@example.org";
    HttpResponse<String> accepted =
        spooler.post(
            "messages",
            Json.createObjectBuilder()
                .add("from", sender)
                .add("to", Json.createArrayBuilder().add("tom@example.org"))
                .add("subject", "tracked")
                .add("body", "b")
                .add("notify", Json.createArrayBuilder().add("NEVER"))
                .build()
                .toString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    URI message = URI.create(accepted.headers().firstValue("Location").orElseThrow());
    JsonObject status = SpoolerClient.json(spooler.get(message));
    String id = status.getString("id");

    // The relay accepts tom after the second deferral: the third attempt (4 s later) delivers.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> recipient(message).getInt("attempts") >= 2);
    relay.acceptRecipient("tom@example.org");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(recipient(message).getString("status")).isEqualTo("DELIVERED"));

    List<JsonObject> timeline = track("messageId=" + id);

    assertThat(timeline)
        .extracting(e -> e.getString("status"))
        .containsExactly("DEFERRED", "DEFERRED", "DELIVERED");
    assertThat(timeline)
        .extracting(e -> e.getString("previous"))
        .containsExactly("PENDING", "DEFERRED", "DEFERRED");
    assertThat(timeline).extracting(e -> e.getInt("attempt")).containsExactly(1, 2, 3);
    assertThat(timeline)
        .allSatisfy(
            e -> {
              assertThat(e.getString("stage")).isEqualTo("TRANSPORT");
              assertThat(e.getString("transport")).isEqualTo("smtp");
              assertThat(e.getString("recipient")).isEqualTo("SMTP:tom@example.org");
              assertThat(e.getString("diagnostic", "")).isNotBlank();
            });
    assertThat(timeline.subList(0, 2))
        .allSatisfy(e -> assertThat(e.getString("statusCode")).startsWith("4."));
    assertThat(timeline.get(2).getString("statusCode")).startsWith("2.");
    List<Instant> times = timeline.stream().map(e -> Instant.parse(e.getString("at"))).toList();
    assertThat(times).isSorted();
    assertThat(Duration.between(times.get(0), times.get(1)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1500));

    // The same history is found by the Message-ID header, the sender and the recipient.
    String header = URLEncoder.encode(status.getString("messageId"), StandardCharsets.UTF_8);
    assertThat(track("messageIdHeader=" + header)).isEqualTo(timeline);
    assertThat(track("sender=" + sender)).isEqualTo(timeline);
    assertThat(track("recipient=tom@example.org"))
        .filteredOn(e -> e.getString("messageId").equals(id))
        .isEqualTo(timeline);
    assertThat(spooler.get("tracking").statusCode()).isEqualTo(400);
  }

  private List<JsonObject> track(String query) {
    HttpResponse<String> response = spooler.get("tracking?" + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.createReader(new StringReader(response.body()))
        .readArray()
        .getValuesAs(JsonObject.class);
  }

  private JsonObject recipient(URI message) {
    return SpoolerClient.json(spooler.get(message)).getJsonArray("recipients").getJsonObject(0);
  }
}
