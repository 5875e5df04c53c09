package dev.spooler.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spooler.testing.ScriptedSmtpServer;
import jakarta.json.JsonObject;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delivery, non-delivery and delay reports through the whole stack: each report is read back as
 * MIME (from the relay, or from the store for a local sender) and parsed with jakarta.mail.
 */
@ExtendWith(ArquillianExtension.class)
class DeliveryReportsIT {

  private static final Duration WAIT = Duration.ofSeconds(40);
  private final SpoolerClient spooler = new SpoolerClient();
  private final Session session = Session.getInstance(new Properties());
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
  void unknownAddressTypeGetsAnNdrSentWithTheNullReversePath() throws Exception {
    URI original =
        submit(
            """
            {"from": "alice@example.org", "to": ["FAX:4930123"], "subject": "Fax me",
             "body": "Hello fax", "envelopeId": "env-7"}
            """);

    JsonObject report = awaitReport(original, "NON_DELIVERY", "DELIVERED");
    assertThat(report.getJsonArray("recipients").getString(0)).isEqualTo("FAX:4930123");
    assertThat(report.getString("dispatch")).isEqualTo("route");

    ScriptedSmtpServer.Transaction sent = relay.transactions().get(0);
    assertThat(sent.mailFrom()).isEmpty();
    assertThat(sent.recipients()).containsExactly("alice@example.org");
    MimeMessage mime = parse(sent.data().getBytes(StandardCharsets.UTF_8));
    assertThat(mime.getSubject()).isEqualTo("Undeliverable: Fax me");
    DeliveryStatus status = ((MultipartReport) mime.getContent()).getDeliveryStatus();
    assertThat(status.getMessageDSN().getHeader("Reporting-MTA", null)).startsWith("dns; ");
    assertThat(status.getMessageDSN().getHeader("Original-Envelope-Id", null)).isEqualTo("env-7");
    assertThat(status.getMessageDSN().getHeader("Arrival-Date", null)).isNotBlank();
    InternetHeaders fax = status.getRecipientDSN(0);
    assertThat(fax.getHeader("Final-Recipient", null)).isEqualTo("x-fax; 4930123");
    assertThat(fax.getHeader("Action", null)).isEqualTo("failed");
    assertThat(fax.getHeader("Status", null)).isEqualTo("5.1.2");
    assertThat(fax.getHeader("Diagnostic-Code", null))
        .contains("no transport for address type FAX");
    assertThat(fax.getHeader("Last-Attempt-Date", null)).isNotBlank();
    String originalId = message(original).getString("messageId");
    assertThat(originalHeaders(mime)).contains("Message-ID: " + originalId);

    JsonObject carrier = message(reportMessage(report));
    assertThat(carrier.getString("messageClass")).isEqualTo("REPORT.IPM.Note.NDR");
    assertThat(carrier.getJsonObject("report").getString("originalMessageId"))
        .isEqualTo(message(original).getString("id"));
    assertThat(carrier.getString("from")).isEmpty();
  }

  @Test
  void nextHopOfferingDsnGetsTheRequestAndReportsInsteadOfTheSpooler() {
    relay.advertise("DSN");

    URI original =
        submit(
            """
            {"from": "alice@example.org", "to": ["bob@example.org"], "subject": "DSN on",
             "body": "b", "notify": ["SUCCESS", "FAILURE"], "envelopeId": "env-7", "ret": "hdrs"}
            """);

    await().atMost(WAIT).until(() -> recipient(original).getString("status"), "DELIVERED"::equals);
    assertThat(message(original).getString("ret")).isEqualTo("HDRS");
    // The report would have been written in the transaction that recorded DELIVERED.
    assertThat(message(original).getJsonArray("reports")).isEmpty();
    assertThat(relay.commands())
        .contains(
            "MAIL FROM:<alice@example.org> RET=HDRS ENVID=env-7",
            "RCPT TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.org");
  }

  @Test
  void nonDeliveryReportReturnsTheWholeMessageOrOnlyItsHeadersAsTheSenderAsked() throws Exception {
    relay.replyToRecipient("ghost@example.org", "550 5.1.1 <ghost@example.org>: no such user");

    URI headersOnly =
        submit(
            """
            {"from": "alice@example.org", "to": ["ghost@example.org"], "subject": "Headers",
             "body": "Only the headers come back.", "ret": "HDRS"}
            """);
    URI whole =
        submit(
            """
            {"from": "alice@example.org", "to": ["ghost@example.org"], "subject": "Whole",
             "body": "All of me comes back.", "ret": "FULL"}
            """);
    URI notAsked =
        submit(
            """
            {"from": "alice@example.org", "to": ["ghost@example.org"], "subject": "Default",
             "body": "All of me comes back too."}
            """);

    MultipartReport hdrs =
        (MultipartReport)
            parse(mimeOf(reportMessage(awaitReport(headersOnly, "NON_DELIVERY", "DELIVERED"))))
                .getContent();
    assertThat(hdrs.getBodyPart(2).getContentType()).startsWith("text/rfc822-headers");
    assertThat(new String(hdrs.getBodyPart(2).getInputStream().readAllBytes(), UTF_8))
        .contains("Subject: Headers")
        .doesNotContain("Only the headers come back.");

    for (URI returned : List.of(whole, notAsked)) {
      MultipartReport full =
          (MultipartReport)
              parse(mimeOf(reportMessage(awaitReport(returned, "NON_DELIVERY", "DELIVERED"))))
                  .getContent();
      assertThat(full.getBodyPart(2).getContentType()).startsWith("message/rfc822");
      MimeMessage original = (MimeMessage) full.getBodyPart(2).getContent();
      assertThat(original.getHeader("Message-ID")[0])
          .isEqualTo(message(returned).getString("messageId"));
      assertThat(original.getContent().toString()).startsWith("All of me comes back");
    }
  }

  @Test
  void oneNdrCoversEveryRecipientTheRelayRefusedInOneDispatch() throws Exception {
    relay.replyToRecipient("ghost1@example.org", "550 5.1.1 <ghost1@example.org>: no such user");
    relay.replyToRecipient("ghost2@example.org", "553 5.1.3 <ghost2@example.org>: bad mailbox");

    URI original =
        submit(
            """
            {"from": "alice@example.org",
             "to": ["bob@example.org", "ghost1@example.org", "ghost2@example.org"],
             "subject": "Three", "body": "Two bounce."}
            """);

    JsonObject report = awaitReport(original, "NON_DELIVERY", "DELIVERED");
    assertThat(message(original).getJsonArray("reports")).hasSize(1);
    assertThat(report.getJsonArray("recipients").getValuesAs(v -> v.toString()))
        .containsExactly("\"SMTP:ghost1@example.org\"", "\"SMTP:ghost2@example.org\"");
    DeliveryStatus status = deliveryStatus(mimeOf(reportMessage(report)));
    assertThat(status.getRecipientDSNCount()).isEqualTo(2);
    assertThat(status.getRecipientDSN(0).getHeader("Final-Recipient", null))
        .isEqualTo("rfc822; ghost1@example.org");
    assertThat(status.getRecipientDSN(0).getHeader("Status", null)).isEqualTo("5.1.1");
    assertThat(status.getRecipientDSN(0).getHeader("Diagnostic-Code", null))
        .isEqualTo("smtp; 550 5.1.1 <ghost1@example.org>: no such user");
    assertThat(status.getRecipientDSN(1).getHeader("Status", null)).isEqualTo("5.1.3");
    assertThat(relay.transactions())
        .extracting(ScriptedSmtpServer.Transaction::mailFrom)
        .containsExactlyInAnyOrder("alice@example.org", "");
  }

  @Test
  void deliveryReportOnlyWhenRequestedPerMessageOrPerRecipient() throws Exception {
    URI asked =
        submit(
            """
            {"from": "alice@example.org", "to": ["bob@example.org", "carol@example.org"],
             "subject": "Tell me", "body": "b", "notify": ["SUCCESS", "FAILURE"]}
            """);
    URI perRecipient =
        submit(
            """
            {"from": "alice@example.org", "to": ["bob@example.org", "carol@example.org"],
             "subject": "Only Carol", "body": "b",
             "recipientNotify": {"carol@example.org": ["SUCCESS"]}}
            """);
    URI notAsked =
        submit(
            """
            {"from": "alice@example.org", "to": ["bob@example.org"],
             "subject": "Quiet", "body": "b"}
            """);

    JsonObject all = awaitReport(asked, "DELIVERY", "DELIVERED");
    assertThat(all.getJsonArray("recipients")).hasSize(2);
    DeliveryStatus status = deliveryStatus(mimeOf(reportMessage(all)));
    assertThat(status.getRecipientDSN(0).getHeader("Action", null)).isEqualTo("relayed");
    assertThat(status.getRecipientDSN(0).getHeader("Status", null)).startsWith("2.");
    assertThat(message(reportMessage(all)).getString("messageClass"))
        .isEqualTo("REPORT.IPM.Note.DR");

    JsonObject carol = awaitReport(perRecipient, "DELIVERY", "DELIVERED");
    assertThat(carol.getJsonArray("recipients").getString(0)).isEqualTo("SMTP:carol@example.org");

    awaitAllFinal(notAsked);
    assertThat(message(notAsked).getJsonArray("reports")).isEmpty();
    assertThat(message(asked).getJsonArray("reports")).hasSize(1);
    assertThat(message(perRecipient).getJsonArray("reports")).hasSize(1);
  }

  @Test
  void expiredMessageGetsAnNdrInTheLocalSendersMailbox() throws Exception {
    relay.replyToRecipient("slow@example.org", "451 4.3.0 try again later");
    // Far enough ahead that a loaded machine accepts it before it is past.
    String expiresAt = Instant.now().plusSeconds(15).toString();

    URI original =
        submit(
            """
            {"from": "LOCAL:dora", "to": ["slow@example.org"], "subject": "Soon or never",
             "body": "b", "expiresAt": "%s"}
            """
                .formatted(expiresAt));

    JsonObject report = awaitReport(original, "NON_DELIVERY", "DELIVERED");
    JsonObject carrier = message(reportMessage(report));
    assertThat(carrier.getJsonArray("recipients").getJsonObject(0).getString("address"))
        .isEqualTo("LOCAL:dora");
    assertThat(carrier.getJsonArray("recipients").getJsonObject(0).getString("transport"))
        .isEqualTo("local");
    InternetHeaders slow = deliveryStatus(mimeOf(reportMessage(report))).getRecipientDSN(0);
    assertThat(slow.getHeader("Status", null)).isEqualTo("4.4.7");
    assertThat(slow.getHeader("Action", null)).isEqualTo("failed");
    assertThat(relay.transactions()).isEmpty();
  }

  @Test
  void aDelayNoticeIsSentOnceNotTwice() throws Exception {
    relay.replyToRecipient("later@example.org", "451 4.3.0 try again later");

    URI original =
        submit(
            """
            {"from": "LOCAL:erin", "to": ["later@example.org"], "subject": "Patience",
             "body": "b"}
            """);

    JsonObject delay = awaitReport(original, "DELAY", "DELIVERED");
    // two more attempts after the warning, still deferred
    await().atMost(WAIT).until(() -> recipient(original).getInt("attempts") >= 4);
    relay.acceptRecipient("later@example.org");
    awaitAllFinal(original);

    assertThat(message(original).getJsonArray("reports")).singleElement().isEqualTo(delay);
    InternetHeaders later = deliveryStatus(mimeOf(reportMessage(delay))).getRecipientDSN(0);
    assertThat(later.getHeader("Action", null)).isEqualTo("delayed");
    assertThat(later.getHeader("Status", null)).isEqualTo("4.3.0");
    assertThat(later.getHeader("Will-Retry-Until", null)).isNotBlank();
    assertThat(message(reportMessage(delay)).getString("messageClass"))
        .isEqualTo("REPORT.IPM.Note.Delayed.DR");
  }

  @Test
  void anUndeliverableReportIsDroppedAndNeverReportedOn() throws Exception {
    relay.replyToRecipient("gone@example.org", "550 5.1.1 <gone@example.org>: no such user");

    URI original =
        submit(
            """
            {"from": "gone@example.org", "to": ["FAX:1"], "subject": "Bounce of a bounce",
             "body": "b"}
            """);

    JsonObject report = awaitReport(original, "NON_DELIVERY", "DROPPED");
    assertThat(report.getString("reason")).contains("no such user");
    JsonObject carrier = message(reportMessage(report));
    assertThat(carrier.getJsonArray("recipients").getJsonObject(0).getString("status"))
        .isEqualTo("FAILED");
    assertThat(carrier.getJsonArray("reports")).isEmpty();
    assertThat(relay.transactions()).isEmpty();
  }

  private URI submit(String json) {
    HttpResponse<String> accepted = spooler.post("messages", json);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return URI.create(accepted.headers().firstValue("Location").orElseThrow());
  }

  private JsonObject message(URI location) {
    return SpoolerClient.json(spooler.get(location));
  }

  private JsonObject recipient(URI location) {
    return message(location).getJsonArray("recipients").getJsonObject(0);
  }

  private URI reportMessage(JsonObject report) {
    return SpoolerClient.API.resolve("messages/" + report.getString("reportMessageId"));
  }

  /** Waits for the one report of this kind to reach the given state. */
  private JsonObject awaitReport(URI original, String kind, String state) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                message(original).getJsonArray("reports").getValuesAs(JsonObject.class).stream()
                    .filter(r -> r.getString("kind").equals(kind))
                    .filter(r -> r.getString("state").equals(state))
                    .findFirst()
                    .orElse(null),
            r -> r != null);
  }

  private void awaitAllFinal(URI location) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                message(location).getJsonArray("recipients").getValuesAs(JsonObject.class).stream()
                    .map(r -> r.getString("status"))
                    .allMatch(s -> s.equals("DELIVERED") || s.equals("FAILED")));
  }

  private byte[] mimeOf(URI message) {
    HttpResponse<String> response = spooler.get(URI.create(message + "/mime"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("message/rfc822");
    return response.body().getBytes(StandardCharsets.UTF_8);
  }

  private MimeMessage parse(byte[] mime) throws Exception {
    return new MimeMessage(session, new ByteArrayInputStream(mime));
  }

  private DeliveryStatus deliveryStatus(byte[] mime) throws Exception {
    return ((MultipartReport) parse(mime).getContent()).getDeliveryStatus();
  }

  private static String originalHeaders(MimeMessage report) throws Exception {
    MultipartReport parts = (MultipartReport) report.getContent();
    return new String(parts.getBodyPart(2).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
