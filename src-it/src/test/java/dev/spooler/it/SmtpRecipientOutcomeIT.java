package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spooler.testing.ScriptedSmtpServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Per-recipient SMTP outcomes through the whole stack, against a relay that refuses one RCPT. */
@ExtendWith(ArquillianExtension.class)
class SmtpRecipientOutcomeIT {

  private final SpoolerClient spooler = new SpoolerClient();
  private ScriptedSmtpServer relay;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @BeforeEach
  void startRelay() throws Exception {
    relay = new ScriptedSmtpServer(Integer.getInteger("it.smtp.port", 3025));
  }

  @AfterEach
  void stopRelay() throws Exception {
    relay.close();
  }

  @Test
  void relayRejectingOneOfThreeRecipientsFailsOnlyThatRecipient() {
    relay.replyToRecipient("ghost@example.org", "550 5.1.1 <ghost@example.org>: no such user");

    HttpResponse<String> accepted =
        spooler.post(
            "messages",
            """
            {"from": "alice@example.org",
             "to": ["bob@example.org", "ghost@example.org", "carol@example.org"],
             "subject": "Three", "body": "Two of you will get this.", "notify": ["NEVER"]}
            """);
    assertThat(accepted.statusCode()).isEqualTo(202);
    URI location = URI.create(accepted.headers().firstValue("Location").orElseThrow());

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(recipients(location).values())
                    .extracting(r -> r.getString("status"))
                    .doesNotContain("PENDING"));
    Map<String, JsonObject> byAddress = recipients(location);
    assertThat(byAddress.get("SMTP:ghost@example.org").getString("status")).isEqualTo("FAILED");
    assertThat(byAddress.get("SMTP:ghost@example.org").getString("statusCode")).isEqualTo("5.1.1");
    assertThat(byAddress.get("SMTP:ghost@example.org").getString("diagnostic"))
        .contains("no such user");
    assertThat(byAddress.get("SMTP:bob@example.org").getString("status")).isEqualTo("DELIVERED");
    assertThat(byAddress.get("SMTP:carol@example.org").getString("status")).isEqualTo("DELIVERED");
    assertThat(relay.transactions())
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.recipients()).containsExactly("bob@example.org", "carol@example.org"));
  }

  @Test
  void transportsListTheRegisteredProvidersWithTheirAddressTypes() {
    HttpResponse<String> response = spooler.get("transports");

    assertThat(response.statusCode()).isEqualTo(200);
    List<JsonObject> transports =
        jakarta.json.Json.createReader(new java.io.StringReader(response.body()))
            .readArray()
            .getValuesAs(JsonObject.class);
    assertThat(transports)
        .extracting(t -> t.getString("name") + " " + t.getJsonArray("addressTypes"))
        .containsExactlyInAnyOrder("smtp [\"SMTP\"]", "local [\"LOCAL\"]", "jms [\"JMS\"]");
    assertThat(transports).allSatisfy(t -> assertThat(t.getBoolean("enabled")).isTrue());
    assertThat(transports)
        .allSatisfy(
            t -> assertThat(t.keySet()).contains("health", "delivered", "deferred", "failed"));
  }

  private Map<String, JsonObject> recipients(URI location) {
    return SpoolerClient.json(spooler.get(location))
        .getJsonArray("recipients")
        .getValuesAs(JsonObject.class)
        .stream()
        .collect(Collectors.toMap(r -> r.getString("address"), Function.identity()));
  }
}
