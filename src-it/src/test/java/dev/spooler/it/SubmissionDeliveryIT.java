package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Messages through the real stack: REST → accept queue → facade → queue → stages → SMTP relay →
 * DELIVERED; the batch call (one transaction, a result per entry) and concurrent single submissions
 * sharing transactions (group commit), each 202 delivered exactly once.
 */
@ExtendWith(ArquillianExtension.class)
class SubmissionDeliveryIT {

  @RegisterExtension static final GreenMailExtension relay = TestRelay.extension();

  private final SpoolerClient spooler = new SpoolerClient();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @Test
  void submittedMessageArrivesAtRelayAndEveryRecipientReadsDelivered() throws Exception {
    HttpResponse<String> accepted =
        spooler.post(
            "messages",
            """
            {"from": "alice@example.org",
             "to": ["bob@example.org", "SMTP:carol@example.org"],
             "cc": ["dave@example.org"],
             "bcc": ["eve@example.org"],
             "subject": "Quarterly report",
             "body": "The numbers are in.\\nRegards, Alice"}
            """);

    assertThat(accepted.statusCode()).isEqualTo(202);
    URI location = URI.create(accepted.headers().firstValue("Location").orElseThrow());
    String id = SpoolerClient.json(accepted).getString("id");
    assertThat(location.getPath()).endsWith("/api/messages/" + id);

    // GreenMail files one copy per envelope recipient.
    await().atMost(Duration.ofSeconds(30)).until(() -> relay.getReceivedMessages().length == 4);
    MimeMessage received = relay.getReceivedMessages()[0];
    assertThat(received.getFrom())
        .extracting(Object::toString)
        .containsExactly("alice@example.org");
    assertThat(received.getRecipients(RecipientType.TO))
        .extracting(Object::toString)
        .containsExactly("bob@example.org", "carol@example.org");
    assertThat(received.getRecipients(RecipientType.CC))
        .extracting(Object::toString)
        .containsExactly("dave@example.org");
    assertThat(received.getHeader("Bcc")).isNull();
    assertThat(received.getSubject()).isEqualTo("Quarterly report");
    assertThat(((String) received.getContent()).replace("\r\n", "\n").strip())
        .isEqualTo("The numbers are in.\nRegards, Alice");
    assertThat(received.getMessageID()).endsWith("@localhost>").contains(id);
    assertThat(inboxSize("eve@example.org")).as("BCC recipient got the message").isEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonObject status = SpoolerClient.json(spooler.get(location));
              assertThat(status.getJsonArray("recipients").getValuesAs(JsonObject.class))
                  .hasSize(4)
                  .allSatisfy(
                      r -> {
                        assertThat(r.getString("status")).isEqualTo("DELIVERED");
                        assertThat(r.getString("transport")).isEqualTo("smtp");
                        assertThat(r.getString("statusCode")).startsWith("2.");
                        assertThat(r.getInt("attempts")).isEqualTo(1);
                      });
            });
    JsonObject status = SpoolerClient.json(spooler.get(location));
    assertThat(status.getJsonArray("recipients").getValuesAs(JsonObject.class))
        .extracting(r -> r.getString("address") + " " + r.getString("kind"))
        .containsExactly(
            "SMTP:bob@example.org TO",
            "SMTP:carol@example.org TO",
            "SMTP:dave@example.org CC",
            "SMTP:eve@example.org BCC");
  }

  @Test
  void theSameAddressInToCcAndBccIsOneRecipientSentOnce() throws Exception {
    HttpResponse<String> accepted =
        spooler.post(
            "messages",
            """
            {"from": "alice@example.org",
             "to": ["bob@example.net"], "cc": ["bob@example.net"], "bcc": ["bob@EXAMPLE.NET"],
             "subject": "Twice named", "body": "b"}
            """);

    assertThat(accepted.statusCode()).isEqualTo(202);
    JsonObject answer = SpoolerClient.json(accepted);
    assertThat(answer.getInt("recipients")).isEqualTo(1);
    assertThat(answer.getJsonArray("merged").getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("field") + " = " + m.getString("sameAs"))
        .containsExactly("cc[0] = to[0]", "bcc[0] = to[0]");
    URI location = URI.create(accepted.headers().firstValue("Location").orElseThrow());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        SpoolerClient.json(spooler.get(location))
                            .getJsonArray("recipients")
                            .getValuesAs(JsonObject.class))
                    .singleElement()
                    .satisfies(r -> assertThat(r.getString("status")).isEqualTo("DELIVERED")));
    assertThat(relay.getReceivedMessages()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no recipients     | {"from":"alice@example.org","to":[],"subject":"s","body":"b"}                        | to
          malformed address | {"from":"alice@example.org","to":["bob@@example"],"subject":"s","body":"b"}          | to[0]
          missing body      | {"from":"alice@example.org","to":["bob@example.org"],"subject":"s"}                  | body
          missing from      | {"to":["bob@example.org"],"body":"b"}                                                | from
          header injection  | {"from":"alice@example.org","to":["bob@example.org"],"subject":"a\\r\\nBcc: x@evil.example","body":"b"} | subject
          """)
  void invalidSubmissionIsRefusedWithProblemNamingTheField(String name, String json, String field) {
    HttpResponse<String> response = spooler.post("messages", json);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = SpoolerClient.json(response);
    assertThat(problem.getInt("status")).isEqualTo(400);
    assertThat(problem.getJsonArray("violations").getValuesAs(JsonObject.class))
        .extracting(v -> v.getString("field"))
        .contains(field);
    assertThat(problem.getString("detail")).contains(field + ":");
    assertThat(relay.getReceivedMessages()).isEmpty();
  }

  @Test
  void aBodyOverTheSizeLimitIsRefusedWith413() {
    String body = "x".repeat(1_000_001);
    HttpResponse<String> response =
        spooler.post(
            "messages",
            "{\"from\":\"alice@example.org\",\"to\":[\"bob@example.org\"],\"subject\":\"big\","
                + "\"body\":\""
                + body
                + "\"}");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = SpoolerClient.json(response);
    assertThat(problem.getString("title")).isEqualTo("Message too large");
    assertThat(problem.getString("detail")).contains("body: is longer than 1000000 characters");
  }

  @Test
  void malformedJsonIsRefusedWithProblemAndReason() {
    HttpResponse<String> response = spooler.post("messages", "{\"from\": \"alice@example.org\", ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(SpoolerClient.json(response).getString("title")).isEqualTo("Malformed JSON");
  }

  @Test
  void unknownMessageIsNotFound() {
    HttpResponse<String> response = spooler.get("messages/" + java.util.UUID.randomUUID());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void readinessReportsDatabaseAndBrokerUp() {
    HttpResponse<String> response = spooler.get("health");

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> up =
        SpoolerClient.json(response).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
            .filter(c -> c.getString("status").equals("UP"))
            .map(c -> c.getString("name"))
            .toList();
    assertThat(up).containsExactly("database", "broker");
    assertThat(spooler.get(SpoolerClient.MANAGEMENT.resolve("health/ready")).statusCode())
        .as("the server's own MicroProfile readiness")
        .isEqualTo(200);
  }

  private static int inboxSize(String email) throws Exception {
    return TestRelay.inboxSize(relay, email);
  }

  @Test
  void aBatchAnswersEachEntryAsTheSingleCallWouldAndStoresTheValidOnes() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String key = "batch-key-" + run;
    HttpResponse<String> response =
        spooler.post(
            "messages/batch",
            """
            [{"from": "alice@example.org", "to": ["b1-%1$s@example.org"], "subject": "first %1$s",
              "body": "b", "idempotencyKey": "%2$s"},
             {"from": "alice@example.org", "subject": "no recipient %1$s", "body": "b"},
             {"from": "alice@example.org", "to": ["b1-%1$s@example.org"], "subject": "again %1$s",
              "body": "b", "idempotencyKey": "%2$s"},
             {"from": "alice@example.org", "to": "b2-%1$s@example.org", "body": "b"},
             {"from": "alice@example.org", "to": ["b2-%1$s@example.org"], "subject": "second %1$s",
              "body": "b"},
             42]
            """
                .formatted(run, key));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonObject> results = array(response).getValuesAs(JsonObject.class);
    assertThat(results)
        .extracting(r -> r.getInt("status"))
        .containsExactly(202, 400, 200, 400, 202, 400);
    JsonObject first = results.get(0);
    String firstId = first.getJsonObject("accepted").getString("id");
    assertThat(first.getString("location")).endsWith("/api/messages/" + firstId);
    // The second entry with the first's key is that acceptance, replayed: nothing new stored.
    assertThat(results.get(2).getJsonObject("accepted").getString("id")).isEqualTo(firstId);
    assertThat(results.get(2).getBoolean("replayed")).isTrue();
    assertThat(results.get(1).getJsonObject("problem").getJsonArray("violations").toString())
        .contains("at least one recipient");
    assertThat(results.get(3).getJsonObject("problem").getString("detail"))
        .contains("to: must be an array of strings");
    assertThat(results.get(5).getJsonObject("problem").getString("detail"))
        .contains("must be a JSON object");
    String secondId = results.get(4).getJsonObject("accepted").getString("id");
    assertThat(spooler.get(results.get(4).getString("location")).statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).until(() -> subjectsAtRelay(run).size() == 2);
    assertThat(subjectsAtRelay(run)).containsExactlyInAnyOrder("first " + run, "second " + run);
    await().atMost(Duration.ofSeconds(30)).until(() -> delivered(firstId) && delivered(secondId));
    // A later single call with the same key is the same acceptance (one key space for both).
    HttpResponse<String> single =
        spooler.send(
            spooler
                .request(spooler.resolve("messages"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        """
                        {"from": "alice@example.org", "to": ["x@example.org"], "body": "b"}
                        """))
                .build());
    assertThat(single.statusCode()).isEqualTo(202);
    assertThat(single.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(SpoolerClient.json(single).getString("id")).isEqualTo(firstId);
  }

  @Test
  void aBatchOfMoreThanAThousandIsRefusedWholeAsTooLarge() {
    String entry =
        """
        {"from": "alice@example.org", "to": ["big@example.org"], "subject": "never", "body": "b"}
        """;
    String batch =
        IntStream.range(0, 1001).mapToObj(i -> entry).collect(Collectors.joining(",", "[", "]"));

    HttpResponse<String> response = spooler.post("messages/batch", batch);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(SpoolerClient.json(response).getString("detail"))
        .contains("1001 submissions, more than the limit of 1000");
    assertThat(subjectsAtRelay("never")).isEmpty();
  }

  @Test
  void sixteenConcurrentClientsShareTransactionsAndEveryAcceptedMessageArrivesOnce()
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    int clients = 16;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<List<String>>> sent = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int client = c;
      sent.add(
          pool.submit(
              () -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                  HttpResponse<String> response =
                      spooler.post(
                          "messages",
                          """
                          {"from": "alice@example.org", "to": ["gc-%s@example.org"],
                           "subject": "gc %s %d-%d", "body": "b"}
                          """
                              .formatted(run, run, client, i));
                  assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                  ids.add(SpoolerClient.json(response).getString("id"));
                }
                return ids;
              }));
    }
    List<String> accepted = new ArrayList<>();
    for (Future<List<String>> ids : sent) {
      accepted.addAll(ids.get());
    }
    pool.shutdown();
    System.out.printf(
        "group commit: %d clients accepted %d messages in %d ms%n",
        clients, accepted.size(), (System.nanoTime() - start) / 1_000_000);

    assertThat(accepted).hasSize(clients * each).doesNotHaveDuplicates();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> subjectsAtRelay(run).size() >= clients * each);
    Map<String, Long> arrivals =
        subjectsAtRelay(run).stream()
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(arrivals).hasSize(clients * each);
    assertThat(arrivals.values()).as("each message once").containsOnly(1L);
    await().atMost(Duration.ofMinutes(1)).until(() -> accepted.stream().allMatch(this::delivered));
  }

  private boolean delivered(String id) {
    String body = spooler.get("messages/" + id).body();
    return body.contains("\"DELIVERED\"") && !body.matches("(?s).*\"(PENDING|DEFERRED)\".*");
  }

  private static List<String> subjectsAtRelay(String run) {
    return Arrays.stream(relay.getReceivedMessages())
        .map(SubmissionDeliveryIT::subject)
        .filter(s -> s != null && s.contains(run))
        .toList();
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonArray array(HttpResponse<String> response) {
    try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readArray();
    }
  }
}
