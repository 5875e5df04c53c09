package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inbound: GreenMail is the outside world (the SMTP relay, and the IMAP and POP3 servers of the two
 * accounts the test server polls every second: {@code ian} over IMAP, {@code paula} over POP3).
 * Messages arrive in the local mailboxes, are announced over SSE, and are read and managed through
 * the mailbox API.
 */
@ExtendWith(ArquillianExtension.class)
class InboundIT {

  // A poll interval and two stages on a shared, loaded machine: generous, never a speed check.
  private static final Duration ARRIVAL = Duration.ofSeconds(60);
  private final SpoolerClient spooler = new SpoolerClient();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Session session = Session.getInstance(new Properties());
  private GreenMail greenMail;
  private GreenMailUser ian;
  private GreenMailUser paula;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @BeforeEach
  void startMailServers() {
    greenMail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(Integer.getInteger("it.smtp.port", 3025), "127.0.0.1", "smtp"),
              new ServerSetup(Integer.getInteger("it.imap.port", 3143), "127.0.0.1", "imap"),
              new ServerSetup(Integer.getInteger("it.pop3.port", 3110), "127.0.0.1", "pop3")
            });
    greenMail.start();
    ian = greenMail.setUser("ian@example.org", "ian@example.org", "secret");
    paula = greenMail.setUser("paula@example.org", "paula@example.org", "secret");
  }

  @AfterEach
  void stopMailServers() {
    greenMail.stop();
  }

  @Test
  void mailSentToAnImapAccountArrivesInTheLocalInboxAndIsStreamed() throws Exception {
    try (SseClient events =
        new SseClient(SpoolerClient.API.resolve("mailboxes/ian/events"), null)) {
      assertThat(events.status()).isEqualTo(200);
      String subject = "Round trip " + UUID.randomUUID();

      // Out through the relay into ian's remote mailbox, then fetched back over IMAP.
      submit("alice@example.org", "ian@example.org", subject);

      SseClient.Event arrival = events.next(ARRIVAL);
      assertThat(arrival).as("arrival event").isNotNull();
      assertThat(arrival.name()).isEqualTo("arrival");
      JsonObject data = json(arrival.data());
      assertThat(data.getString("subject")).isEqualTo(subject);
      assertThat(data.getString("mailbox")).isEqualTo("ian");
      assertThat(data.getString("folder")).isEqualTo("Inbox");
      assertThat(data.getString("from")).isEqualTo("SMTP:alice@example.org");
      assertThat(arrival.id()).isEqualTo(Long.toString(data.getJsonNumber("entryId").longValue()));
    }
    JsonObject listed = inbox("ian").getJsonArray("messages").getJsonObject(0);
    assertThat(listed.getBoolean("read")).isFalse();
    await().atMost(ARRIVAL).until(() -> remoteCount(ian) == 0);
  }

  @Test
  void mailInAPop3AccountArrivesAndIsRemovedFromTheServer() throws Exception {
    String subject = "By POP3 " + UUID.randomUUID();
    paula.deliver(mime("<" + UUID.randomUUID() + "@remote.example>", subject, "Hello Paula"));

    await().atMost(ARRIVAL).until(() -> subjects("paula").contains(subject));
    await().atMost(ARRIVAL).until(() -> remoteCount(paula) == 0);
    JsonObject entry = inbox("paula").getJsonArray("messages").getJsonObject(0);
    JsonObject read = message("paula", entry.getJsonNumber("id").longValue());
    assertThat(read.getString("text")).contains("Hello Paula");
    assertThat(read.getString("from")).isEqualTo("SMTP:zoe@remote.example");
  }

  @Test
  void theSameMessageFetchedTwiceIsFiledOnce() throws Exception {
    String messageId = "<" + UUID.randomUUID() + "@remote.example>";
    String subject = "Twice " + UUID.randomUUID();
    ian.deliver(mime(messageId, subject, "one"));
    ian.deliver(mime(messageId, subject, "one"));

    await().atMost(ARRIVAL).until(() -> remoteCount(ian) == 0);
    await().atMost(ARRIVAL).until(() -> subjects("ian").contains(subject));
    // both copies are gone from the server; a second filing would be in the Inbox by now
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> subjects("ian").stream().filter(subject::equals).count() == 1);
  }

  @Test
  void aReconnectingClientGetsWhatItMissed() throws Exception {
    String first = "First " + UUID.randomUUID();
    String lastSeen;
    try (SseClient events =
        new SseClient(SpoolerClient.API.resolve("mailboxes/paula/events"), null)) {
      assertThat(events.status()).isEqualTo(200);
      paula.deliver(mime("<" + UUID.randomUUID() + "@remote.example>", first, "b"));
      SseClient.Event arrival = events.next(ARRIVAL);
      assertThat(json(arrival.data()).getString("subject")).isEqualTo(first);
      lastSeen = arrival.id();
    }
    String second = "Second " + UUID.randomUUID();
    String third = "Third " + UUID.randomUUID();
    paula.deliver(mime("<" + UUID.randomUUID() + "@remote.example>", second, "b"));
    await().atMost(ARRIVAL).until(() -> subjects("paula").contains(second));
    paula.deliver(mime("<" + UUID.randomUUID() + "@remote.example>", third, "b"));
    await().atMost(ARRIVAL).until(() -> subjects("paula").contains(third));

    try (SseClient events =
        new SseClient(SpoolerClient.API.resolve("mailboxes/paula/events"), lastSeen)) {
      assertThat(json(events.next(ARRIVAL).data()).getString("subject")).isEqualTo(second);
      assertThat(json(events.next(ARRIVAL).data()).getString("subject")).isEqualTo(third);
      assertThat(events.next(Duration.ofSeconds(1))).isNull();
    }
  }

  @Test
  void aMessageIsReadMarkedMovedAndDeletedThroughTheMailboxApi() throws Exception {
    String subject = "Report attached " + UUID.randomUUID();
    MimeMessage withAttachment = new MimeMessage(session);
    withAttachment.setHeader("Message-ID", "<" + UUID.randomUUID() + "@remote.example>");
    withAttachment.setFrom("zoe@remote.example");
    withAttachment.setSubject(subject);
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("plain words", "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setContent("<p>rich words</p>", "text/html; charset=UTF-8");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    MimeBodyPart body = new MimeBodyPart();
    body.setContent(alternative);
    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setContent("a,b\n1,2\n", "text/csv; charset=UTF-8");
    attachment.setFileName("figures.csv");
    attachment.setDisposition("attachment");
    MimeMultipart mixed = new MimeMultipart("mixed");
    mixed.addBodyPart(body);
    mixed.addBodyPart(attachment);
    withAttachment.setContent(mixed);
    withAttachment.saveChanges();
    ian.deliver(withAttachment);

    await().atMost(ARRIVAL).until(() -> subjects("ian").contains(subject));
    long id = entryId("ian", subject);
    JsonObject read = message("ian", id);
    assertThat(read.getString("text")).isEqualTo("plain words");
    assertThat(read.getString("html")).isEqualTo("<p>rich words</p>");
    JsonObject csv = read.getJsonArray("attachments").getJsonObject(0);
    assertThat(csv.getString("filename")).isEqualTo("figures.csv");
    assertThat(csv.getString("contentType")).isEqualTo("text/csv");
    HttpResponse<byte[]> download =
        http.send(
            spooler.request(mailbox("ian", "messages/" + id + "/attachments/0")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("figures.csv");

    long unreadBefore = folder("ian", "Inbox").getJsonNumber("unread").longValue();
    assertThat(patch("ian", id, "{\"read\": true}")).isEqualTo(204);
    assertThat(folder("ian", "Inbox").getJsonNumber("unread").longValue())
        .isEqualTo(unreadBefore - 1);

    assertThat(post(mailbox("ian", "folders"), "{\"name\": \"Archive\"}")).isIn(201, 400);
    assertThat(patch("ian", id, "{\"folder\": \"Archive\"}")).isEqualTo(204);
    assertThat(message("ian", id).getString("folder")).isEqualTo("Archive");
    assertThat(patch("ian", id, "{\"folder\": \"Nowhere\"}")).isEqualTo(400);

    assertThat(delete("ian", id)).isEqualTo(204);
    assertThat(message("ian", id).getString("folder")).isEqualTo("Deleted Items");
    assertThat(delete("ian", id)).isEqualTo(204);
    assertThat(spooler.get(mailbox("ian", "messages/" + id)).statusCode()).isEqualTo(404);
  }

  @Test
  void aLocalSendersMessageWaitsInItsOutboxThenMovesToSentItems() throws Exception {
    String subject = "Outbox " + UUID.randomUUID();
    HttpResponse<String> accepted =
        spooler.post(
            "messages",
            Json.createObjectBuilder()
                .add("from", "LOCAL:olga")
                .add("to", Json.createArrayBuilder().add("bob@example.org"))
                .add("subject", subject)
                .add("body", "b")
                .add("deferUntil", Instant.now().plusSeconds(3).toString())
                .build()
                .toString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

    assertThat(subjectsIn("olga", "Outbox")).contains(subject);
    assertThat(subjectsIn("olga", "Sent Items")).doesNotContain(subject);
    await().atMost(ARRIVAL).until(() -> subjectsIn("olga", "Sent Items").contains(subject));
    assertThat(subjectsIn("olga", "Outbox")).doesNotContain(subject);
    assertThat(greenMail.getReceivedMessagesForDomain("example.org"))
        .extracting(MimeMessage::getSubject)
        .contains(subject);
  }

  @Test
  void aMessageToSeveralTransportsMovesToSentItemsWhenTheLastRecipientIsFinal() {
    String subject = "Three ways " + UUID.randomUUID();
    HttpResponse<String> accepted =
        spooler.post(
            "messages",
            Json.createObjectBuilder()
                .add("from", "LOCAL:olga")
                .add(
                    "to",
                    Json.createArrayBuilder().add("bob@example.org").add("LOCAL:paul").add("FAX:1"))
                .add("subject", subject)
                .add("body", "b")
                .add("notify", Json.createArrayBuilder().add("NEVER"))
                .build()
                .toString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

    await().atMost(ARRIVAL).until(() -> subjectsIn("olga", "Sent Items").contains(subject));
    assertThat(subjectsIn("olga", "Outbox")).doesNotContain(subject);
  }

  private void submit(String from, String to, String subject) {
    HttpResponse<String> accepted =
        spooler.post(
            "messages",
            Json.createObjectBuilder()
                .add("from", from)
                .add("to", Json.createArrayBuilder().add(to))
                .add("subject", subject)
                .add("body", "b")
                .build()
                .toString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
  }

  private MimeMessage mime(String messageId, String subject, String text) throws Exception {
    MimeMessage mime = new MimeMessage(session);
    mime.setFrom("zoe@remote.example");
    mime.setRecipients(jakarta.mail.Message.RecipientType.TO, "someone@example.org");
    mime.setSubject(subject);
    mime.setText(text);
    mime.saveChanges();
    mime.setHeader("Message-ID", messageId);
    return mime;
  }

  private int remoteCount(GreenMailUser user) throws Exception {
    return greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount();
  }

  private static URI mailbox(String owner, String path) {
    return SpoolerClient.API.resolve("mailboxes/" + owner + "/" + path);
  }

  private JsonObject inbox(String owner) {
    return SpoolerClient.json(spooler.get(mailbox(owner, "folders/Inbox/messages")));
  }

  private List<String> subjects(String owner) {
    return subjectsIn(owner, "Inbox");
  }

  private List<String> subjectsIn(String owner, String folder) {
    HttpResponse<String> page =
        spooler.get(mailbox(owner, "folders/" + folder.replace(" ", "%20") + "/messages"));
    if (page.statusCode() == 404) {
      return List.of();
    }
    return SpoolerClient.json(page).getJsonArray("messages").getValuesAs(JsonObject.class).stream()
        .map(m -> m.getString("subject"))
        .toList();
  }

  private long entryId(String owner, String subject) {
    return inbox(owner).getJsonArray("messages").getValuesAs(JsonObject.class).stream()
        .filter(m -> m.getString("subject").equals(subject))
        .findFirst()
        .orElseThrow()
        .getJsonNumber("id")
        .longValue();
  }

  private JsonObject message(String owner, long id) {
    return SpoolerClient.json(spooler.get(mailbox(owner, "messages/" + id)));
  }

  private JsonObject folder(String owner, String name) {
    HttpResponse<String> folders = spooler.get(mailbox(owner, "folders"));
    return Json.createReader(new java.io.StringReader(folders.body())).readArray().stream()
        .map(v -> v.asJsonObject())
        .filter(f -> f.getString("name").equals(name))
        .findFirst()
        .orElseThrow();
  }

  private int patch(String owner, long id, String json) throws Exception {
    return http.send(
            spooler
                .request(mailbox(owner, "messages/" + id))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private int post(URI uri, String json) throws Exception {
    return http.send(
            spooler
                .request(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private int delete(String owner, long id) throws Exception {
    return http.send(
            spooler.request(mailbox(owner, "messages/" + id)).DELETE().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static JsonObject json(String text) {
    return Json.createReader(new java.io.StringReader(text)).readObject();
  }
}
