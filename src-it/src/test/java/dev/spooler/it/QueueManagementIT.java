package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.jms.JMSContext;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
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

/**
 * Every queue management action through REST, its effect checked at the relay (GreenMail) and in
 * the store (the message's state, its reports, the action record). The test server retries after 2
 * s, doubling up to 8 s, so a deferred recipient's next attempt is seconds away.
 */
@ExtendWith(ArquillianExtension.class)
class QueueManagementIT {

  private final SpoolerClient spooler = new SpoolerClient();
  private final String sender = "ops-" + UUID.randomUUID() + "@example.org";
  private GreenMail relay;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @AfterEach
  void stopRelay() {
    if (relay != null) {
      relay.stop();
    }
  }

  @Test
  void retryNowSendsADeferredMessageBeforeItsNextAttemptAndOnlyOnce() {
    URI message = submit("bob@example.org", Json.createObjectBuilder());
    JsonObject deferred = awaitDeferredWithNextAttemptAtLeast(message, Duration.ofSeconds(3));
    Instant nextAttempt = Instant.parse(deferred.getString("nextAttemptAt"));
    relay = TestRelay.start();

    JsonObject action = action(spooler.post(path(message) + "/retry", ""));

    assertThat(action.getString("kind")).isEqualTo("RETRY");
    assertThat(action.getInt("affected")).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(recipient(message).getString("status")).isEqualTo("DELIVERED"));
    assertThat(Instant.parse(recipient(message).getString("updatedAt"))).isBefore(nextAttempt);
    // The delayed dispatch that was waiting for nextAttempt is stale now: it must not send again.
    await()
        .pollDelay(Duration.between(Instant.now(), nextAttempt).plusSeconds(2))
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(TestRelay.received(relay, "bob@example.org")).isEqualTo(1));
    assertThat(actionsLog())
        .anySatisfy(a -> assertThat(a.getString("target")).isEqualTo("message:" + id(message)));
  }

  @Test
  void heldMessageIsNotSentUntilReleased() {
    URI message = submit("carol@example.org", Json.createObjectBuilder());
    JsonObject deferred = awaitDeferredWithNextAttemptAtLeast(message, Duration.ZERO);

    assertThat(action(spooler.post(path(message) + "/hold", "")).getInt("affected")).isEqualTo(1);
    relay = TestRelay.start();

    assertThat(recipient(message).getString("status")).isEqualTo("HELD");
    assertThat(ids(spooler.get("queue/held?sender=" + sender))).containsExactly(id(message));
    Instant due = Instant.parse(deferred.getString("nextAttemptAt"));
    await()
        .during(Duration.between(Instant.now(), due).plusSeconds(2))
        .atMost(Duration.ofSeconds(20))
        .until(() -> TestRelay.received(relay, "carol@example.org") == 0);
    assertThat(recipient(message).getString("status")).isEqualTo("HELD");

    assertThat(action(spooler.post(path(message) + "/release", "")).getInt("affected"))
        .isEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(recipient(message).getString("status")).isEqualTo("DELIVERED"));
    assertThat(relay.getReceivedMessages()).hasSize(1);
  }

  @Test
  void deletedMessagesAreNeverSentAndOnlyTheOneDeletedWithAnNdrIsReported() {
    // A local sender: its NDR is filed in its own mailbox, not sent through the relay.
    URI silent = submit("LOCAL:olga", "dave@example.org", Json.createObjectBuilder());
    URI reported = submit("LOCAL:olga", "erin@example.org", Json.createObjectBuilder());
    awaitDeferredWithNextAttemptAtLeast(silent, Duration.ZERO);
    awaitDeferredWithNextAttemptAtLeast(reported, Duration.ZERO);

    HttpResponse<String> silently = spooler.delete(path(silent));
    HttpResponse<String> withNdr = spooler.delete(path(reported) + "?ndr=true");
    relay = TestRelay.start();

    assertThat(action(silently).getString("kind")).isEqualTo("DELETE");
    assertThat(action(withNdr).getString("kind")).isEqualTo("DELETE_WITH_NDR");
    for (URI message : List.of(silent, reported)) {
      assertThat(recipient(message).getString("status")).isEqualTo("FAILED");
      assertThat(recipient(message).getString("diagnostic")).contains("deleted");
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(reportKinds(reported)).contains("NON_DELIVERY"));
    assertThat(reportKinds(silent)).doesNotContain("NON_DELIVERY");
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                TestRelay.received(relay, "dave@example.org")
                        + TestRelay.received(relay, "erin@example.org")
                    == 0);
  }

  @Test
  void bulkRetryForOneTransportSendsEveryDeferredMessageOfTheFilter() {
    List<URI> messages =
        List.of(
            submit("f1@example.org", Json.createObjectBuilder()),
            submit("f2@example.org", Json.createObjectBuilder()),
            submit("f3@example.org", Json.createObjectBuilder()));
    messages.forEach(m -> awaitDeferredWithNextAttemptAtLeast(m, Duration.ZERO));

    assertThat(total("queue/deferred?sender=" + sender)).isEqualTo(3);
    assertThat(total("queue/deferred?sender=" + sender + "&recipient=f2@example.org")).isEqualTo(1);
    assertThat(total("queue/deferred?sender=" + sender + "&transport=local")).isZero();
    assertThat(total("queue/deferred?sender=" + sender + "&olderThan=PT1H")).isZero();
    relay = TestRelay.start();

    JsonObject bulk =
        action(spooler.post("queue/deferred/retry?transport=smtp&sender=" + sender, ""));

    assertThat(bulk.getInt("affected")).isEqualTo(3);
    assertThat(bulk.getString("target")).contains("transport=smtp");
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(messages)
                    .allSatisfy(
                        m -> assertThat(recipient(m).getString("status")).isEqualTo("DELIVERED")));
    assertThat(List.of("f1@example.org", "f2@example.org", "f3@example.org"))
        .allSatisfy(to -> assertThat(TestRelay.received(relay, to)).isEqualTo(1));
  }

  @Test
  void deadLetteredDispatchIsRequeuedAndItsMessageDelivered() throws Exception {
    relay = TestRelay.start();
    // Waits an hour in the broker before routing: the only dispatch for it is the broken one below.
    URI message =
        submit(
            "gina@example.org",
            Json.createObjectBuilder()
                .add("deferUntil", Instant.now().plusSeconds(3600).toString()));
    long recipientId = recipient(message).getJsonNumber("id").longValue();
    String poison =
        Json.createObjectBuilder()
            .add("messageId", id(message))
            .add("transport", "no-such-transport")
            .add("recipientIds", Json.createArrayBuilder().add(recipientId))
            .add("attempt", 1)
            .build()
            .toString();
    // Only the test server lets a client write to a stage's queue (add-test-users.sh).
    try (JMSContext jms = RemoteJms.connectAs("it-injector")) {
      jms.createProducer()
          .setProperty("transport", "no-such-transport")
          .send(jms.createQueue("spooler.transport"), poison);
    }

    JsonObject deadLetter =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> deadLetterOf(id(message)), d -> d != null);
    assertThat(deadLetter.getString("originalQueue")).endsWith("spooler.transport");
    assertThat(TestRelay.received(relay, "gina@example.org")).isZero();

    JsonObject requeued =
        action(spooler.post("queue/dead-letters/" + deadLetter.getString("id") + "/requeue", ""));

    assertThat(requeued.getString("kind")).isEqualTo("REQUEUE");
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> assertThat(recipient(message).getString("status")).isEqualTo("DELIVERED"));
    assertThat(relay.getReceivedMessages()).hasSize(1);
    assertThat(deadLetterOf(id(message))).isNull();
    assertThat(
            spooler
                .post("queue/dead-letters/" + deadLetter.getString("id") + "/requeue", "")
                .statusCode())
        .isEqualTo(404);
  }

  private JsonObject deadLetterOf(String messageId) {
    return SpoolerClient.json(spooler.get("queue/dead-lettered?limit=500"))
        .getJsonArray("entries")
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(d -> messageId.equals(d.getString("messageId", null)))
        .findFirst()
        .orElse(null);
  }

  private JsonObject awaitDeferredWithNextAttemptAtLeast(URI message, Duration ahead) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> recipient(message),
            r ->
                "DEFERRED".equals(r.getString("status"))
                    && r.getString("nextAttemptAt", null) != null
                    && Instant.parse(r.getString("nextAttemptAt"))
                        .isAfter(Instant.now().plus(ahead)));
  }

  private URI submit(String to, JsonObjectBuilder options) {
    return submit(sender, to, options);
  }

  private URI submit(String from, String to, JsonObjectBuilder options) {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("from", from)
            .add("to", Json.createArrayBuilder().add(to))
            .add("subject", "queue management")
            .add("body", "b");
    if (!from.startsWith("LOCAL:")) {
      body.add("notify", Json.createArrayBuilder().add("NEVER")); // no reports at the relay
    } else {
      body.add("notify", Json.createArrayBuilder().add("FAILURE"));
    }
    options.build().forEach(body::add);
    HttpResponse<String> accepted = spooler.post("messages", body.build().toString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return URI.create(accepted.headers().firstValue("Location").orElseThrow());
  }

  private static String id(URI message) {
    String path = message.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String path(URI message) {
    return "queue/messages/" + id(message);
  }

  private JsonObject recipient(URI message) {
    return SpoolerClient.json(spooler.get(message)).getJsonArray("recipients").getJsonObject(0);
  }

  private List<String> reportKinds(URI message) {
    return SpoolerClient.json(spooler.get(message))
        .getJsonArray("reports")
        .getValuesAs(JsonObject.class)
        .stream()
        .map(r -> r.getString("kind"))
        .toList();
  }

  private long total(String path) {
    HttpResponse<String> page = spooler.get(path);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    return SpoolerClient.json(page).getJsonNumber("total").longValue();
  }

  private static List<String> ids(HttpResponse<String> page) {
    return SpoolerClient.json(page).getJsonArray("entries").getValuesAs(JsonObject.class).stream()
        .map(e -> e.getString("messageId"))
        .toList();
  }

  private List<JsonObject> actionsLog() {
    JsonArray actions =
        Json.createReader(new StringReader(spooler.get("queue/actions").body())).readArray();
    return actions.getValuesAs(JsonObject.class);
  }

  private static JsonObject action(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return SpoolerClient.json(response);
  }
}
