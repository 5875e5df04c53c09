package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may do what (issue 9): every role against every endpoint and queue, allowed or 401/403, and
 * the ownership rules behind them. Users from add-test-users.sh; it-alice is a sender owning
 * LOCAL:it-alice and, by configuration, *@alice.example.
 */
@ExtendWith(ArquillianExtension.class)
class AuthorizationMatrixIT {

  private static final String ALICE = "it-alice";
  private static final String OPERATOR = "it-operator";
  private static final String ADMIN = SpoolerClient.ADMIN;
  private static final String NOBODY = "it-nobody";
  private static final String ANONYMOUS = "(anonymous)";
  private static final List<String> USERS = List.of(ANONYMOUS, NOBODY, ALICE, OPERATOR, ADMIN);

  /** What a request may get: let through (any answer but 401/403), or refused. */
  private enum Expect {
    ALLOWED,
    UNAUTHORIZED,
    FORBIDDEN
  }

  private final SpoolerClient admin = new SpoolerClient();
  private String alicesMessage;
  private String othersMessage;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @BeforeEach
  void oneMessageOfAliceAndOneOfSomeoneElse() {
    alicesMessage = accepted(client(ALICE), local(ALICE, ALICE));
    othersMessage = accepted(admin, local("it-bob", "it-bob"));
  }

  @Test
  void everyRoleAgainstEveryEndpoint() {
    List<String> failures = new ArrayList<>();
    row(failures, "POST", "messages", local(ALICE, ALICE), u(401, 403, 0, 403, 0));
    row(failures, "GET", "messages/" + alicesMessage, null, u(401, 403, 0, 0, 0));
    row(failures, "GET", "messages/" + othersMessage, null, u(401, 403, 403, 0, 0));
    row(failures, "GET", "messages/" + othersMessage + "/mime", null, u(401, 403, 403, 0, 0));
    row(failures, "GET", "mailboxes/" + ALICE + "/folders", null, u(401, 403, 0, 403, 0));
    row(failures, "GET", "mailboxes/it-bob/folders", null, u(401, 403, 403, 403, 0));
    row(failures, "POST", "mailboxes/it-bob/folders", "{\"name\":\"X\"}", u(401, 403, 403, 403, 0));
    row(failures, "GET", "tracking?messageId=" + alicesMessage, null, u(401, 403, 0, 0, 0));
    row(failures, "GET", "tracking?messageId=" + othersMessage, null, u(401, 403, 403, 0, 0));
    row(failures, "GET", "tracking?sender=LOCAL:it-bob", null, u(401, 403, 403, 0, 0));
    row(failures, "GET", "tracking/recent", null, u(401, 403, 403, 0, 0));
    row(failures, "GET", "queue/deferred", null, u(401, 403, 403, 0, 0));
    row(failures, "GET", "queue/depths", null, u(401, 403, 403, 0, 0));
    row(failures, "POST", "queue/messages/" + othersMessage + "/retry", "", u(401, 403, 403, 0, 0));
    row(failures, "GET", "transports", null, u(401, 403, 403, 0, 0));
    row(failures, "GET", "hooks", null, u(401, 403, 403, 0, 0));
    row(failures, "GET", "admin/senders/" + ALICE, null, u(401, 403, 403, 403, 0));
    // The console's page is public (it logs in with its own form); its data is the API's above.
    row(failures, "GET", "/console/", null, u(0, 0, 0, 0, 0));
    row(failures, "GET", "/explorer/", null, u(0, 0, 0, 0, 0));
    // Public (readiness itself may answer 503 here: the test server's inbound accounts fail).
    row(failures, "GET", "health/live", null, u(0, 0, 0, 0, 0));
    row(failures, "GET", "asyncapi.yaml", null, u(0, 0, 0, 0, 0));
    assertThat(failures).isEmpty();
  }

  @Test
  void refusalsAnswerAsProblems() {
    HttpResponse<String> anonymous = admin.anonymous().get("queue/deferred");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    HttpResponse<String> foreign = client(ALICE).get("mailboxes/it-bob/folders");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(SpoolerClient.json(foreign).getString("detail"))
        .isEqualTo("user 'it-alice' may not open the mailbox of 'it-bob'");
  }

  @Test
  void aSenderSubmitsOnlyWithAFromItOwnsOrWasGranted() {
    SpoolerClient alice = client(ALICE);
    String stranger = "stranger-" + UUID.randomUUID() + "@example.org";

    HttpResponse<String> refused = alice.post("messages", submission(stranger, "LOCAL:it-bob"));
    assertThat(refused.statusCode()).isEqualTo(403);
    JsonObject problem = SpoolerClient.json(refused);
    assertThat(problem.getString("title")).isEqualTo("Sender not permitted");
    assertThat(problem.getString("detail"))
        .isEqualTo("user 'it-alice' may not send as SMTP:" + stranger);
    assertThat(problem.getJsonArray("violations").getJsonObject(0).getString("field"))
        .isEqualTo("from");
    // Nothing stored: the tracking log knows no message from that sender.
    assertThat(trackedFrom(stranger)).isEmpty();

    // Configured grant (*@alice.example), and the own local address.
    assertThat(
            alice.post("messages", submission("desk@alice.example", "LOCAL:it-bob")).statusCode())
        .isEqualTo(202);
    assertThat(alice.post("messages", submission("LOCAL:it-alice", "LOCAL:it-bob")).statusCode())
        .isEqualTo(202);
    // Someone else's local address is not hers.
    assertThat(alice.post("messages", submission("LOCAL:it-bob", "LOCAL:it-bob")).statusCode())
        .isEqualTo(403);

    // An administrator grants one more address, and takes it back.
    String granted = "{\"pattern\": \"" + stranger + "\"}";
    HttpResponse<String> grant = admin.post("admin/senders/" + ALICE, granted);
    assertThat(grant.statusCode()).isEqualTo(200);
    assertThat(SpoolerClient.json(grant).getJsonArray("granted").toString()).contains(stranger);
    assertThat(SpoolerClient.json(grant).getJsonArray("configured").getString(0))
        .isEqualTo("*@alice.example");
    assertThat(alice.post("messages", submission(stranger, "LOCAL:it-bob")).statusCode())
        .isEqualTo(202);
    assertThat(admin.delete("admin/senders/" + ALICE + "?pattern=" + stranger).statusCode())
        .isEqualTo(204);
    assertThat(alice.post("messages", submission(stranger, "LOCAL:it-bob")).statusCode())
        .isEqualTo(403);
    assertThat(trackedFrom(stranger)).isNotEmpty();
  }

  @Test
  void aUserReadsItsOwnEventStreamOnly() throws Exception {
    try (SseClient own =
            new SseClient(
                SpoolerClient.API.resolve("mailboxes/" + ALICE + "/events"),
                null,
                SpoolerClient.basic(ALICE));
        SseClient foreign =
            new SseClient(
                SpoolerClient.API.resolve("mailboxes/it-bob/events"),
                null,
                SpoolerClient.basic(ALICE))) {
      assertThat(own.status()).isEqualTo(200);
      assertThat(foreign.status()).isEqualTo(403);
    }
  }

  @Test
  void operatorActionsRecordWhoDidThem() {
    SpoolerClient operator = client(OPERATOR);
    assertThat(
            operator
                .send("POST", "queue/messages/" + othersMessage + "/retry", null, null)
                .statusCode())
        .isNotIn(401, 403);
    HttpResponse<String> actions = operator.get("queue/actions?limit=5");
    assertThat(actions.body()).contains("\"actor\":\"it-operator\"");
  }

  @Test
  void theBrokerRefusesAnonymousAndGrantsEachQueueOnlyWhatItsUsersNeed() {
    assertThatThrownBy(() -> RemoteJms.connectAnonymously().close())
        .isInstanceOf(JMSSecurityRuntimeException.class);
    assertThatThrownBy(
            () -> {
              try (JMSContext forged = RemoteJms.connectWith("spooler-it", "wrong")) {
                forged.createProducer();
              }
            })
        .isInstanceOf(JMSSecurityRuntimeException.class);

    // A sender submits over REST only: over JMS it could choose any From.
    try (JMSContext alice = RemoteJms.connectAs(ALICE)) {
      assertThatThrownBy(() -> send(alice, "spooler.submit"))
          .isInstanceOf(JMSSecurityRuntimeException.class);
      assertThatThrownBy(() -> alice.createConsumer(alice.createTopic("spooler.events")))
          .isInstanceOf(JMSSecurityRuntimeException.class);
    }
    // The relay application submits and watches, and touches nothing of the stages.
    try (JMSContext relay = RemoteJms.connect()) {
      for (String internal :
          List.of("spooler.submitted", "spooler.transport", "spooler.received", "spooler.dead")) {
        assertThatThrownBy(() -> send(relay, internal))
            .as("send to " + internal)
            .isInstanceOf(JMSRuntimeException.class);
        assertThatThrownBy(() -> relay.createConsumer(relay.createQueue(internal)).close())
            .as("consume from " + internal)
            .isInstanceOf(JMSRuntimeException.class);
      }
      assertThatThrownBy(() -> relay.createConsumer(relay.createQueue("spooler.submit")).close())
          .isInstanceOf(JMSRuntimeException.class);
      relay.createConsumer(relay.createTopic("spooler.events")).close();
    }
    // An operator may watch the events, not submit.
    try (JMSContext operator = RemoteJms.connectAs(OPERATOR)) {
      operator.createConsumer(operator.createTopic("spooler.events")).close();
      assertThatThrownBy(() -> send(operator, "spooler.submit"))
          .isInstanceOf(JMSSecurityRuntimeException.class);
    }
  }

  private static void send(JMSContext jms, String queue) {
    // Persistent sends block for the broker's answer, so a refusal surfaces here.
    jms.createProducer().send(jms.createQueue(queue), "{}");
  }

  private void row(
      List<String> failures,
      String method,
      String path,
      String body,
      Map<String, Integer> expected) {
    for (String user : USERS) {
      SpoolerClient client = client(user);
      HttpResponse<String> response =
          client.send(method, path, body == null ? null : "application/json", body);
      int status = response.statusCode();
      int wanted = expected.get(user);
      boolean ok = wanted == 0 ? status != 401 && status != 403 && status < 500 : status == wanted;
      if (!ok) {
        failures.add(
            user
                + " "
                + method
                + " "
                + path
                + ": got "
                + status
                + ", expected "
                + (wanted == 0 ? "allowed" : wanted));
      }
    }
  }

  /** Expected status per user, in the order of {@link #USERS}; 0 means allowed. */
  private static Map<String, Integer> u(
      int anonymous, int nobody, int alice, int operator, int admin) {
    return Map.of(
        ANONYMOUS, anonymous, NOBODY, nobody, ALICE, alice, OPERATOR, operator, ADMIN, admin);
  }

  private SpoolerClient client(String user) {
    return ANONYMOUS.equals(user) ? admin.anonymous() : admin.as(user);
  }

  private static String local(String from, String to) {
    return submission("LOCAL:" + from, "LOCAL:" + to);
  }

  private static String submission(String from, String to) {
    return "{\"from\": \""
        + from
        + "\", \"to\": [\""
        + to
        + "\"], \"subject\": \"matrix\", \"body\": \"who may do what\"}";
  }

  private static String accepted(SpoolerClient client, String json) {
    HttpResponse<String> response = client.post("messages", json);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return SpoolerClient.json(response).getString("id");
  }

  private List<?> trackedFrom(String sender) {
    HttpResponse<String> response = admin.get("tracking?sender=SMTP:" + sender);
    assertThat(response.statusCode()).isEqualTo(200);
    return jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readArray();
  }
}
