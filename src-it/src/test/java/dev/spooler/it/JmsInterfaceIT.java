package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.spooler.submit.jms.SubmitProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JMS contract, from a plain Java SE client outside the server (the Artemis Jakarta client over
 * the HTTP port): submit by JSON and by MIME, the replies, the events topic, the dead letters.
 */
@ExtendWith(ArquillianExtension.class)
class JmsInterfaceIT {

  private static final long REPLY_TIMEOUT_MS = 60_000;

  @RegisterExtension static final GreenMailExtension relay = TestRelay.extension();

  private final SpoolerClient spooler = new SpoolerClient();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @Test
  void jsonSubmissionIsAcceptedThenEachRecipientsFinalStatusIsReplied() throws Exception {
    String bob = unique("bob");
    String carol = unique("carol");
    try (JMSContext jms = RemoteJms.connect()) {
      TemporaryQueue replies = jms.createTemporaryQueue();
      TextMessage submission =
          jms.createTextMessage(
              """
              {"from": "alice@example.org", "to": ["%s"], "cc": ["SMTP:%s"],
               "subject": "By JSON", "body": "Sent over JMS"}
              """
                  .formatted(bob, carol));
      submission.setJMSReplyTo(replies);
      jms.createProducer().setPriority(1).send(submitQueue(jms), submission);

      JsonObject accepted = reply(jms, replies, submission.getJMSMessageID());
      assertThat(accepted.getString("type")).isEqualTo("accepted");
      assertThat(accepted.getBoolean("duplicate")).isFalse();
      assertThat(accepted.getInt("recipients")).isEqualTo(2);
      String id = accepted.getString("id");

      List<JsonObject> statuses =
          List.of(
              reply(jms, replies, submission.getJMSMessageID()),
              reply(jms, replies, submission.getJMSMessageID()));
      assertThat(statuses)
          .allSatisfy(
              s -> {
                assertThat(s.getString("type")).isEqualTo("status");
                assertThat(s.getString("id")).isEqualTo(id);
                assertThat(s.getString("status")).isEqualTo("DELIVERED");
                assertThat(s.getString("statusCode")).startsWith("2.");
              })
          .extracting(s -> s.getString("address"))
          .containsExactlyInAnyOrder("SMTP:" + bob, "SMTP:" + carol);
      assertThat(inboxSize(bob)).isEqualTo(1);
      assertThat(inboxSize(carol)).isEqualTo(1);
      // JMS priority 1 and no spooler priority: a non-urgent message.
      assertThat(SpoolerClient.json(spooler.get("messages/" + id)).getString("priority"))
          .isEqualTo("NON_URGENT");
    }
  }

  @Test
  void mimeSubmissionTakesItsEnvelopeFromPropertiesAndHonoursJmsPriorityAndExpiry()
      throws Exception {
    String dave = unique("dave");
    String erin = unique("erin");
    String key = "order-" + UUID.randomUUID();
    try (JMSContext jms = RemoteJms.connect()) {
      TemporaryQueue replies = jms.createTemporaryQueue();
      BytesMessage submission = jms.createBytesMessage();
      submission.writeBytes(mime("Invoice 42", "Please find the amount below.\r\n42 EUR\r\n"));
      submission.setStringProperty(SubmitProperties.SENDER, "SMTP:alice@example.org");
      submission.setStringProperty(SubmitProperties.TO, dave);
      submission.setStringProperty(SubmitProperties.BCC, "SMTP:" + erin);
      submission.setStringProperty(SubmitProperties.IDEMPOTENCY_KEY, key);
      submission.setStringProperty(SubmitProperties.RET, "HDRS");
      submission.setJMSReplyTo(replies);
      Instant before = Instant.now();
      jms.createProducer()
          .setPriority(9)
          .setTimeToLive(Duration.ofHours(1).toMillis())
          .send(submitQueue(jms), submission);

      JsonObject accepted = reply(jms, replies, key);
      assertThat(accepted.getString("type")).isEqualTo("accepted");
      String id = accepted.getString("id");
      JsonObject status = SpoolerClient.json(spooler.get("messages/" + id));
      assertThat(status.getString("priority")).isEqualTo("URGENT");
      assertThat(status.getString("ret")).isEqualTo("HDRS");
      assertThat(Instant.parse(status.getString("expiresAt")))
          .isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1)));
      assertThat(reply(jms, replies, key).getString("status")).isEqualTo("DELIVERED");
      assertThat(reply(jms, replies, key).getString("status")).isEqualTo("DELIVERED");
    }
    MimeMessage received = messagesFor(dave).get(0);
    assertThat(received.getSubject()).isEqualTo("Invoice 42");
    assertThat(received.getContent().toString().replace("\r\n", "\n")).contains("42 EUR");
    assertThat(received.getFrom())
        .extracting(Object::toString)
        .containsExactly("alice@example.org");
    assertThat(received.getRecipients(RecipientType.TO))
        .extracting(Object::toString)
        .containsExactly(dave);
    assertThat(received.getHeader("Bcc")).isNull();
    assertThat(inboxSize(erin)).as("BCC recipient got it").isEqualTo(1);
  }

  @Test
  void sameIdempotencyKeyTwiceIsDeliveredOnceAndTheDuplicateNamesTheFirstId() throws Exception {
    String frank = unique("frank");
    String key = "retry-" + UUID.randomUUID();
    try (JMSContext jms = RemoteJms.connect()) {
      TemporaryQueue replies = jms.createTemporaryQueue();
      for (int i = 0; i < 2; i++) {
        TextMessage submission =
            jms.createTextMessage(
                """
                {"from": "alice@example.org", "to": ["%s"], "subject": "Once", "body": "b"}
                """
                    .formatted(frank));
        submission.setStringProperty(SubmitProperties.IDEMPOTENCY_KEY, key);
        submission.setJMSReplyTo(replies);
        jms.createProducer().send(submitQueue(jms), submission);
      }

      List<JsonObject> answers = new ArrayList<>();
      for (int i = 0; i < 3; i++) { // two acceptances and one final status, in any order
        answers.add(reply(jms, replies, key));
      }
      List<JsonObject> acceptances =
          answers.stream().filter(a -> a.getString("type").equals("accepted")).toList();
      assertThat(acceptances).hasSize(2);
      assertThat(acceptances)
          .extracting(a -> a.getString("id"))
          .containsOnly(acceptances.get(0).getString("id"));
      assertThat(acceptances)
          .extracting(a -> a.getBoolean("duplicate"))
          .containsExactlyInAnyOrder(false, true);
      assertThat(answers)
          .filteredOn(a -> a.getString("type").equals("status"))
          .singleElement()
          .satisfies(s -> assertThat(s.getString("status")).isEqualTo("DELIVERED"));
      assertThat(jms.createConsumer(replies).receive(2_000)).as("no second final status").isNull();
    }
    assertThat(inboxSize(frank)).isEqualTo(1);
  }

  @Test
  void recipientStatusChangesArePublishedOnTheEventsTopicToADurableSubscriber() throws Exception {
    String clientId = "it-events-" + UUID.randomUUID();
    String subscription = "it-subscription";
    try (JMSContext subscriber = RemoteJms.connect(clientId)) {
      // Subscribe durably, then go away: the events published meanwhile wait for us.
      subscriber.createDurableConsumer(eventsTopic(subscriber), subscription).close();
    }
    String grace = unique("grace");
    HttpResponse<String> accepted =
        spooler.post(
            "messages",
            """
            {"from": "alice@example.org", "to": ["%s"], "subject": "Watched", "body": "b"}
            """
                .formatted(grace));
    assertThat(accepted.statusCode()).isEqualTo(202);
    String id = SpoolerClient.json(accepted).getString("id");
    await().atMost(Duration.ofSeconds(60)).until(() -> inboxSize(grace) == 1);

    try (JMSContext subscriber = RemoteJms.connect(clientId)) {
      // The same subscription again (a different selector would replace it, losing its events).
      JMSConsumer events = subscriber.createDurableConsumer(eventsTopic(subscriber), subscription);
      Message event = events.receive(REPLY_TIMEOUT_MS);
      while (event != null && !id.equals(event.getStringProperty("spoolerMessageId"))) {
        event = events.receive(REPLY_TIMEOUT_MS); // another test's late event
      }
      assertThat(event).as("an event of message %s", id).isNotNull();
      assertThat(event.getStringProperty("spoolerEvent")).isEqualTo("recipient-status");
      JsonObject change = json(event);
      assertThat(change.getString("event")).isEqualTo("recipient-status");
      assertThat(change.getString("messageId")).isEqualTo(id);
      assertThat(change.getString("address")).isEqualTo("SMTP:" + grace);
      assertThat(change.getString("previous")).isEqualTo("PENDING");
      assertThat(change.getString("status")).isEqualTo("DELIVERED");
      events.close();
      subscriber.unsubscribe(subscription);
    }
  }

  @Test
  void messageOfTheWrongTypeIsRejectedAndDeadLetteredWithTheReason() throws Exception {
    assertRejectedAndDeadLettered(
        jms -> {
          var map = jms.createMapMessage();
          map.setString("from", "alice@example.org");
          return map;
        },
        "wrong message type MapMessage");
  }

  @Test
  void badJsonIsRejectedAndDeadLetteredWithTheReason() throws Exception {
    assertRejectedAndDeadLettered(
        jms -> jms.createTextMessage("{\"from\": \"alice@example.org\", "), "bad JSON");
  }

  @Test
  void mimeSubmissionWithoutItsSenderPropertyIsRejectedAndDeadLetteredWithTheReason()
      throws Exception {
    assertRejectedAndDeadLettered(
        jms -> {
          BytesMessage bytes = jms.createBytesMessage();
          bytes.writeBytes(mime("No sender", "b"));
          bytes.setStringProperty(SubmitProperties.TO, "bob@example.org");
          return bytes;
        },
        "missing property spoolerSender");
  }

  @Test
  void invalidSubmissionIsRejectedWithEachViolation() throws Exception {
    JsonObject rejection =
        assertRejectedAndDeadLettered(
            jms ->
                jms.createTextMessage(
                    """
                    {"from": "alice@example.org", "to": ["bob@@example"], "body": "b",
                     "ret": "BODY"}
                    """),
            "ret: must be FULL or HDRS, got 'BODY'");
    assertThat(rejection.getJsonArray("violations").getValuesAs(JsonObject.class))
        .extracting(v -> v.getString("field"))
        .containsExactly("to[0]", "ret");
  }

  @Test
  void asyncApiDocumentDescribesEveryDestinationAndProperty() {
    HttpResponse<String> response = spooler.get("asyncapi.yaml");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
    assertThat(response.body())
        .startsWith("asyncapi: 2.6.0")
        .contains("spooler.submit", "spooler.submit.rejected", "spooler.events")
        .contains("spoolerReply", "spoolerEvent", "spoolerMessageId")
        .contains(SubmitProperties.ALL);
  }

  @Test
  void anArrayIsOneBatchWithAReplyPerSubmissionAndItsRefusedEntriesDeadLettered() throws Exception {
    String gina = unique("gina");
    String hank = unique("hank");
    String key = "batch-" + UUID.randomUUID();
    try (JMSContext jms = RemoteJms.connect()) {
      TemporaryQueue replies = jms.createTemporaryQueue();
      TextMessage submission =
          jms.createTextMessage(
              """
              [{"from": "alice@example.org", "to": ["%1$s"], "subject": "One", "body": "b",
                "idempotencyKey": "%3$s"},
               {"from": "alice@example.org", "subject": "No recipient", "body": "b"},
               {"from": "alice@example.org", "to": ["%2$s"], "subject": "Two", "body": "b"},
               {"from": "alice@example.org", "to": ["%1$s"], "subject": "One again", "body": "b",
                "idempotencyKey": "%3$s"}]
              """
                  .formatted(gina, hank, key));
      submission.setJMSReplyTo(replies);
      jms.createProducer().send(submitQueue(jms), submission);
      String sentId = submission.getJMSMessageID();

      // Three acceptances (one a duplicate), one rejection, two final statuses, in any order.
      List<String> answers = new ArrayList<>();
      try (JMSConsumer consumer = jms.createConsumer(replies)) {
        for (int i = 0; i < 6; i++) {
          Message reply = consumer.receive(REPLY_TIMEOUT_MS);
          assertThat(reply).as("reply %d of 6", i + 1).isNotNull();
          JsonObject json = json(reply);
          answers.add(
              reply.getJMSCorrelationID()
                  + " "
                  + json.getString("type")
                  + (json.containsKey("duplicate")
                      ? " duplicate=" + json.getBoolean("duplicate")
                      : "")
                  + (json.containsKey("status") ? " " + json.getString("status") : ""));
        }
      }
      assertThat(answers)
          .containsExactlyInAnyOrder(
              key + " accepted duplicate=false",
              sentId + "/1 rejected",
              sentId + "/2 accepted duplicate=false",
              key + " accepted duplicate=true",
              key + " status DELIVERED",
              sentId + "/2 status DELIVERED");
      assertThat(deadLetter(sentId).getStringProperty(SubmitProperties.REJECT_REASON))
          .startsWith("invalid submissions in the batch: [1] ")
          .contains("at least one recipient")
          .doesNotContain("[0]", "[2]", "[3]");
    }
    assertThat(messagesFor(gina)).extracting(MimeMessage::getSubject).containsExactly("One");
    assertThat(messagesFor(hank)).extracting(MimeMessage::getSubject).containsExactly("Two");
  }

  /**
   * Sends what {@code build} makes, expects a rejection naming {@code reason} and its dead letter.
   */
  private JsonObject assertRejectedAndDeadLettered(MessageMaker build, String reason)
      throws Exception {
    try (JMSContext jms = RemoteJms.connect()) {
      TemporaryQueue replies = jms.createTemporaryQueue();
      Message submission = build.make(jms);
      submission.setJMSReplyTo(replies);
      jms.createProducer().send(submitQueue(jms), submission);
      String sentId = submission.getJMSMessageID();

      JsonObject rejection = reply(jms, replies, sentId);
      assertThat(rejection.getString("type")).isEqualTo("rejected");
      assertThat(rejection.getString("reason")).contains(reason);

      Message deadLetter = deadLetter(sentId);
      assertThat(deadLetter.getStringProperty(SubmitProperties.REJECT_REASON)).contains(reason);
      assertThat(deadLetter.getClass().getInterfaces())
          .as("same kind of message")
          .containsAnyElementsOf(List.of(submission.getClass().getInterfaces()));
      assertThat(relay.getReceivedMessages()).isEmpty();
      return rejection;
    }
  }

  /** The copy of submission {@code sentId} in spooler.submit.rejected. */
  private static Message deadLetter(String sentId) {
    // Refused submissions are the operators' to look at (README "Security").
    try (JMSContext operator = RemoteJms.connectAs("it-operator");
        JMSConsumer deadLetters =
            operator.createConsumer(
                operator.createQueue("spooler.submit.rejected"),
                SubmitProperties.ORIGINAL_MESSAGE_ID + " = '" + sentId + "'")) {
      Message deadLetter = deadLetters.receive(REPLY_TIMEOUT_MS);
      assertThat(deadLetter).as("dead-lettered copy").isNotNull();
      return deadLetter;
    }
  }

  private static JsonObject reply(JMSContext jms, Queue replies, String correlationId)
      throws Exception {
    try (JMSConsumer consumer = jms.createConsumer(replies)) {
      Message reply = consumer.receive(REPLY_TIMEOUT_MS);
      assertThat(reply).as("a reply within %d ms", REPLY_TIMEOUT_MS).isNotNull();
      assertThat(reply.getJMSCorrelationID()).isEqualTo(correlationId);
      JsonObject json = json(reply);
      assertThat(reply.getStringProperty("spoolerReply")).isEqualTo(json.getString("type"));
      return json;
    }
  }

  private static JsonObject json(Message message) throws Exception {
    try (JsonReader reader = Json.createReader(new StringReader(message.getBody(String.class)))) {
      return reader.readObject();
    }
  }

  private static Queue submitQueue(JMSContext jms) {
    return jms.createQueue("spooler.submit");
  }

  private static Topic eventsTopic(JMSContext jms) {
    return jms.createTopic("spooler.events");
  }

  private static byte[] mime(String subject, String body) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    // Header addresses are not the envelope: the spooler reads the properties, not these.
    message.setFrom(new InternetAddress("ignored@example.org"));
    message.setSubject(subject, "UTF-8");
    message.setText(body, "UTF-8");
    message.saveChanges();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toByteArray();
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  private static List<MimeMessage> messagesFor(String email) {
    return List.of(relay.getReceivedMessages()).stream()
        .filter(m -> recipients(m).contains(email))
        .toList();
  }

  private static List<String> recipients(MimeMessage message) {
    try {
      return message.getAllRecipients() == null
          ? List.of()
          : List.of(message.getAllRecipients()).stream().map(Object::toString).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int inboxSize(String email) throws Exception {
    return TestRelay.inboxSize(relay, email);
  }

  /** Makes the message a test sends. */
  @FunctionalInterface
  private interface MessageMaker {
    Message make(JMSContext jms) throws Exception;
  }
}
