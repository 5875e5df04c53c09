package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spooler.submit.jms.SubmitProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every kind of bad input over REST and JMS gets its defined answer (status, problem+json with the
 * field named; a rejection reply and a dead-lettered copy) and leaves nothing behind. Each
 * submission here is a valid one with one defect, addressed to a recipient of its own and deferred
 * to tomorrow: had anything been stored, it would wait in the queue under that recipient.
 */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {

  private static final String PROBLEM = "application/problem+json";
  private static final int MAX_REQUEST_BYTES = 10_485_760;

  private final ApiCaller sender = ApiCaller.sender();
  private final ApiCaller operator = ApiCaller.operator();
  private final String sink = "sink-" + UUID.randomUUID() + "@example.org";

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @Test
  void theStoredCheckSeesAValidSubmissionSoItsSilenceMeansNothingWasStored() {
    HttpResponse<String> accepted = sender.postJson("messages", valid().build().toString());

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(waiting(sink)).isEqualTo(1);
    operator.delete("queue/messages/" + ApiCaller.json(accepted).getString("id"));
    assertThat(waiting(sink)).isZero();
  }

  @Test
  void malformedJsonIsRefusedAsAWhole() {
    assertRefused(
        post("{\"from\": \"alice@example.org\", \"to\": [\"" + sink + "\""),
        400,
        "Malformed JSON",
        "(body): is not valid JSON (line 1, column ");
  }

  @Test
  void jsonThatIsNotAnObjectOrIsEmptyIsRefused() {
    assertRefused(
        post("[\"" + sink + "\"]"),
        400,
        "Malformed JSON",
        "(body): must be a JSON object, got an array");
    assertRefused(post(""), 400, "Malformed JSON", "(body): is empty: send a JSON object");
    assertRefused(
        post("{\"to\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}"),
        400,
        "Malformed JSON",
        "(body): nests deeper than 32 levels");
  }

  @Test
  void wrongTypedFieldsAreEachNamed() {
    assertRefused(
        post(
            valid()
                .add("from", 42)
                .add("cc", sink)
                .add("subject", Json.createArrayBuilder().add("s"))
                .add("notify", Json.createArrayBuilder().add(true))
                .build()
                .toString()),
        400,
        "Invalid submission",
        "from: must be a string, got a number",
        "cc: must be an array of strings, got a string",
        "subject: must be a string, got an array",
        "notify[0]: must be a string, got a boolean");
  }

  @Test
  void missingFieldsAreEachNamed() {
    assertRefused(
        post("{\"subject\": \"" + sink + "\"}"),
        400,
        "Invalid submission",
        "from: is required",
        "to: at least one recipient (to, cc or bcc) is required",
        "body: is required (it may be empty)");
  }

  @Test
  void malformedAddressesAreEachNamed() {
    assertRefused(
        post(
            valid()
                .add(
                    "to", Json.createArrayBuilder().add(sink).add("bob@@example.org").add("LOCAL:"))
                .add("bcc", Json.createArrayBuilder().add("<script>@example.org"))
                .build()
                .toString()),
        400,
        "Invalid submission",
        "to[1]: 'bob@@example.org' is not a valid e-mail address",
        "to[2]: address has no value after its type LOCAL",
        "bcc[0]: '<script>@example.org' is not a valid e-mail address");
  }

  /** CR/LF would end the header and start one of the client's own (header injection). */
  @Test
  void crLfOrNulInAnyHeaderValueIsRefused() {
    headerInjections()
        .forEach(
            injection -> {
              Object[] a = injection.get();
              String field = (String) a[0];
              String value = (String) a[1];
              JsonObjectBuilder submission = valid();
              if (field.equals("cc") || field.equals("bcc")) {
                submission.add(field, Json.createArrayBuilder().add(value));
              } else {
                submission.add(field, value);
              }
              assertRefused(
                  post(submission.build().toString()), 400, "Invalid submission", (String) a[2]);
            });
  }

  static Stream<Arguments> headerInjections() {
    String subject = "subject: must not contain CR, LF, NUL or other control characters";
    String address = ": address contains CR, LF, NUL or other control characters";
    return Stream.of(
        Arguments.of("subject", "Hi\r\nBcc: eve@example.org", subject),
        Arguments.of("subject", "Hi\u0000there", subject),
        Arguments.of("from", "alice@example.org\r\nBcc: eve@example.org", "from" + address),
        Arguments.of("cc", "carol@example.org\nBcc: eve@example.org", "cc[0]" + address),
        Arguments.of("bcc", "LOCAL:dave\r", "bcc[0]" + address),
        Arguments.of(
            "envelopeId",
            "env\r\nX-Evil: 1",
            "envelopeId: must be 1 to 100 printable ASCII characters, no spaces"),
        Arguments.of("ret", "FULL\r\nX-Evil: 1", "ret: must be FULL or HDRS, got 'FULL"),
        Arguments.of("ret", "BODY", "ret: must be FULL or HDRS, got 'BODY'"));
  }

  @Test
  void badIdempotencyKeysAreRefused() {
    String json = valid().build().toString();
    assertRefused(
        sender.postJson("messages", json, "Idempotency-Key", "k".repeat(201)),
        400,
        "Invalid submission",
        "Idempotency-Key: must have 1 to 200 characters");
    assertRefused(
        sender.postJson("messages", json, "Idempotency-Key", "a\tb"),
        400,
        "Invalid submission",
        "Idempotency-Key: must not contain CR, LF, NUL or other control characters");
  }

  @Test
  void bodyBytesThatAreNotUtf8AreRefusedNotStoredGarbled() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(valid().add("body", "Gr#e").build().toString().getBytes(StandardCharsets.UTF_8));
    byte[] bytes = body.toByteArray();
    // A Latin-1 ü where UTF-8 was promised.
    bytes[new String(bytes, StandardCharsets.UTF_8).indexOf('#')] = (byte) 0xfc;

    assertRefused(
        sender.post("messages", "application/json; charset=utf-8", bytes),
        400,
        "Malformed JSON",
        "(body): is not valid UTF-8");
  }

  @Test
  void anotherCharsetThanUtf8IsUnsupported() {
    HttpResponse<String> response =
        sender.post(
            "messages",
            "application/json; charset=ISO-8859-1",
            valid().build().toString().getBytes(StandardCharsets.ISO_8859_1));

    assertProblem(response, 415, "Unsupported charset");
    assertThat(ApiCaller.json(response).getString("detail")).contains("ISO-8859-1");
    assertThat(waiting(sink)).isZero();
  }

  @Test
  void unpairedSurrogateIsRefused() {
    assertRefused(
        post(valid().build().toString().replace("\"subject\":\"s\"", "\"subject\":\"x\\ud800\"")),
        400,
        "Invalid submission",
        "subject: is not valid Unicode (an unpaired surrogate)");
  }

  @Test
  void bodyOverTheLengthLimitIsTooLarge() {
    assertRefused(
        post(valid().add("body", "a".repeat(1_000_001)).build().toString()),
        413,
        "Message too large",
        "body: is longer than 1000000 characters");
  }

  @Test
  void requestOverTheSizeLimitIsRefusedUnread() {
    assertRefused(
        post(valid().add("body", "a".repeat(MAX_REQUEST_BYTES)).build().toString()),
        413,
        "Message too large",
        "(body): is larger than the limit of " + MAX_REQUEST_BYTES + " bytes");
  }

  @Test
  void requestOverUndertowsOwnLimitGets413ProblemJson() {
    assertTooLarge(sender.post("messages", "application/json", overUndertowsDefaultLimit()));
  }

  @Test
  void chunkedRequestOverTheLimitGets413ProblemJson() {
    assertTooLarge(sender.postChunked("messages", "application/json", overUndertowsDefaultLimit()));
  }

  /** 11 MiB: over both the spooler's limit and Undertow's default max-post-size (10 MiB). */
  private static byte[] overUndertowsDefaultLimit() {
    byte[] body = new byte[11 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) 'a');
    return body;
  }

  private void assertTooLarge(HttpResponse<String> response) {
    assertRefused(
        response,
        413,
        "Message too large",
        "(body): is larger than the limit of " + MAX_REQUEST_BYTES + " bytes");
  }

  @Test
  void chunkedRequestWithinTheLimitIsAccepted() {
    HttpResponse<String> accepted =
        sender.postChunked(
            "messages",
            "application/json",
            valid().build().toString().getBytes(StandardCharsets.UTF_8));

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    operator.delete("queue/messages/" + ApiCaller.json(accepted).getString("id"));
  }

  @Test
  void moreRecipientsThanTheLimitAreRefused() {
    JsonArrayBuilder to = Json.createArrayBuilder().add(sink);
    for (int i = 0; i < 1000; i++) {
      to.add("r" + i + "-" + sink);
    }

    assertRefused(
        post(valid().add("to", to).build().toString()),
        400,
        "Invalid submission",
        "to: at most 1000 recipients, got 1001");
  }

  @Test
  void refusalsOfJaxRsItselfAreProblemsToo() {
    HttpResponse<String> plain =
        sender.post("messages", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
    assertProblem(plain, 415, "Unsupported Media Type");
    assertThat(ApiCaller.json(plain).getString("detail")).contains("text/plain");

    assertProblem(sender.post("messages", null, new byte[0]), 415, "Unsupported Media Type");
    // Unknown paths are the administrator's (web.xml): anyone else hears 403 before JAX-RS looks.
    assertProblem(ApiCaller.admin().get("no-such-thing"), 404, "Not Found");
    HttpResponse<String> put = sender.send("PUT", "messages");
    assertProblem(put, 405, "Method Not Allowed");
    assertThat(put.headers().firstValue("Allow"))
        .hasValueSatisfying(a -> assertThat(a).contains("POST"));
    assertThat(put.body()).doesNotContain("Exception", "at dev.", "at org.");
  }

  @Test
  void sameIdempotencyKeyOverRestIsAcceptedOnce() {
    String key = "order-" + UUID.randomUUID();
    HttpResponse<String> first =
        sender.postJson("messages", valid().build().toString(), "Idempotency-Key", key);
    HttpResponse<String> again =
        sender.postJson(
            "messages",
            valid().add("subject", "changed").build().toString(),
            "Idempotency-Key",
            key);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    String id = ApiCaller.json(first).getString("id");
    assertThat(ApiCaller.json(again).getString("id")).isEqualTo(id);
    assertThat(again.headers().firstValue("Location"))
        .isEqualTo(first.headers().firstValue("Location"));
    assertThat(waiting(sink)).isEqualTo(1);
    operator.delete("queue/messages/" + id);
  }

  @Test
  void jmsMimeWhoseBytesAreNotUtf8IsRejectedAndDeadLettered() throws Exception {
    byte[] mime =
        ("Subject: bad bytes\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nGr#e\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    mime[new String(mime, StandardCharsets.US_ASCII).indexOf('#')] = (byte) 0xfc;

    assertJmsRejected(
        probe -> {
          BytesMessage bytes = probe.jms.createBytesMessage();
          writeEnvelope(bytes);
          bytes.writeBytes(mime);
          return bytes;
        },
        "the text body is not valid UTF-8");
  }

  @Test
  void jmsHeaderInjectionInAPropertyOrTheMimeSubjectIsRejected() throws Exception {
    JsonObject byProperty =
        assertJmsRejected(
            probe -> {
              BytesMessage bytes = probe.jms.createBytesMessage();
              writeEnvelope(bytes);
              bytes.setStringProperty(
                  SubmitProperties.CC, "carol@example.org\r\nBcc: eve@example.org");
              bytes.writeBytes(plainMime("=?UTF-8?Q?fine?="));
              return bytes;
            },
            "cc[0]: address contains CR, LF, NUL or other control characters");
    assertThat(byProperty.getJsonArray("violations").getValuesAs(JsonObject.class))
        .extracting(v -> v.getString("field"))
        .containsExactly("cc[0]");

    // An encoded word decodes to CR LF: the check is on the decoded subject.
    assertJmsRejected(
        probe -> {
          BytesMessage bytes = probe.jms.createBytesMessage();
          writeEnvelope(bytes);
          bytes.writeBytes(plainMime("=?UTF-8?Q?Hi=0D=0ABcc:_eve@example.org?="));
          return bytes;
        },
        "subject: must not contain CR, LF, NUL or other control characters");
  }

  @Test
  void jmsIdempotencyKeyWithCrLfIsRejected() throws Exception {
    assertJmsRejected(
        probe -> {
          TextMessage text = probe.jms.createTextMessage(valid().build().toString());
          text.setStringProperty(SubmitProperties.IDEMPOTENCY_KEY, "k\r\nX-Evil: 1");
          return text;
        },
        "property spoolerIdempotencyKey must not contain CR, LF, NUL or other control characters");
  }

  @Test
  void jmsJsonWithAWrongTypedFieldNamesTheField() throws Exception {
    JsonObject rejection =
        assertJmsRejected(
            probe -> probe.jms.createTextMessage(valid().add("to", sink).build().toString()),
            "bad JSON: to: must be an array of strings, got a string");
    assertThat(rejection.getJsonArray("violations").getValuesAs(JsonObject.class))
        .extracting(v -> v.getString("field") + ": " + v.getString("reason"))
        .containsExactly("to: must be an array of strings, got a string");
  }

  @Test
  void jmsMessageWithoutBodyOrPropertiesIsRejected() throws Exception {
    assertJmsRejected(probe -> probe.jms.createMessage(), "wrong message type Message (no body)");
  }

  @Test
  void jmsMessageOfTheWrongTypeWithoutReplyToIsStillDeadLettered() throws Exception {
    try (SubmitQueueProbe probe = new SubmitQueueProbe()) {
      var stream = probe.jms.createStreamMessage();
      stream.writeString(valid().build().toString());
      String sentId = probe.sendWithoutReplyTo(stream);

      Message deadLetter = probe.deadLetter(sentId, SubmitQueueProbe.TIMEOUT_MS);
      assertThat(deadLetter).as("dead-lettered copy").isNotNull();
      assertThat(deadLetter.getStringProperty(SubmitProperties.REJECT_REASON))
          .contains("wrong message type StreamMessage");
    }
  }

  // --- helpers

  /** A valid submission to this test's own recipient, kept waiting until tomorrow. */
  private JsonObjectBuilder valid() {
    return Json.createObjectBuilder()
        .add("from", "badinput@example.org")
        .add("to", Json.createArrayBuilder().add(sink))
        .add("subject", "s")
        .add("body", "b")
        .add("deferUntil", tomorrow())
        .add("notify", Json.createArrayBuilder().add("NEVER"));
  }

  private static String tomorrow() {
    return Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private HttpResponse<String> post(String json) {
    return sender.postJson("messages", json);
  }

  /** The answer is the problem given, its violations are exactly these, and nothing was stored. */
  private void assertRefused(
      HttpResponse<String> response, int status, String title, String... violations) {
    assertProblem(response, status, title);
    JsonObject problem = ApiCaller.json(response);
    List<String> named =
        problem.getJsonArray("violations").getValuesAs(JsonObject.class).stream()
            .map(v -> v.getString("field") + ": " + v.getString("reason"))
            .toList();
    assertThat(named).as(response.body()).hasSameSizeAs(violations);
    for (int i = 0; i < violations.length; i++) {
      assertThat(named.get(i)).startsWith(violations[i]);
      assertThat(problem.getString("detail")).contains(violations[i]);
    }
    assertThat(waiting(sink)).as("recipients stored for " + sink).isZero();
  }

  private static void assertProblem(HttpResponse<String> response, int status, String title) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
    JsonObject problem = ApiCaller.json(response);
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isEqualTo(title);
  }

  /** Recipients at {@code address} waiting in any state: queued, deferred or held. */
  private long waiting(String address) {
    long total = 0;
    for (String state : List.of("queued", "deferred", "held")) {
      HttpResponse<String> page =
          operator.get(
              "queue/"
                  + state
                  + "?recipient="
                  + URLEncoder.encode(address, StandardCharsets.UTF_8));
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      total += ApiCaller.json(page).getJsonNumber("total").longValue();
    }
    return total;
  }

  private interface MessageMaker {
    Message make(SubmitQueueProbe probe) throws Exception;
  }

  /** Rejected with a reply naming {@code reason}, dead-lettered with it, nothing stored. */
  private JsonObject assertJmsRejected(MessageMaker maker, String reason) throws Exception {
    try (SubmitQueueProbe probe = new SubmitQueueProbe()) {
      String sentId = probe.send(maker.make(probe));

      JsonObject reply = probe.reply();
      assertThat(reply.getString("type")).isEqualTo("rejected");
      assertThat(reply.getString("reason")).contains(reason);
      assertThat(reply.getString("correlationId")).isEqualTo(sentId);
      Message deadLetter = probe.deadLetter(sentId, SubmitQueueProbe.TIMEOUT_MS);
      assertThat(deadLetter).as("dead-lettered copy").isNotNull();
      assertThat(deadLetter.getStringProperty(SubmitProperties.REJECT_REASON)).contains(reason);
      assertThat(waiting(sink)).isZero();
      return reply;
    }
  }

  private void writeEnvelope(Message message) throws Exception {
    message.setStringProperty(SubmitProperties.SENDER, "badinput@example.org");
    message.setStringProperty(SubmitProperties.TO, sink);
    message.setStringProperty(SubmitProperties.DEFER_UNTIL, tomorrow());
    message.setStringProperty(SubmitProperties.NOTIFY, "NEVER");
  }

  private static byte[] plainMime(String encodedSubject) {
    return ("Subject: "
            + encodedSubject
            + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
