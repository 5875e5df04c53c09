package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One message through the real stack: REST → facade → queue → stages → SMTP relay → DELIVERED. */
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
}
