package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * The SMTP listener against Jakarta Mail and a raw socket client: submission (AUTH only after
 * STARTTLS, REST's sender rights) to the relay, and the MX for the local domain (test users are
 * local users at {@code localhost}, the test server's domain).
 */
@ExtendWith(ArquillianExtension.class)
class SmtpListenerIT {

  static final int SUBMISSION = SmtpWire.port(587);
  static final int MX = SmtpWire.port(25);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension static final GreenMailExtension relay = TestRelay.extension();

  private final SpoolerClient spooler = new SpoolerClient();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @Test
  void jakartaMailSubmitsAfterStartTlsAndTheMessageReachesTheRelayWithItsMessageId()
      throws Exception {
    String messageId = "<" + UUID.randomUUID() + "@client.example>";
    MimeMessage message = new MimeMessage(submissionSession(true));
    message.setFrom("sam@example.org");
    message.setRecipients(RecipientType.TO, "rita@example.org");
    message.setSubject("Over SMTP");
    message.setText("Submitted over port 587");
    message.saveChanges();
    message.setHeader("Message-ID", messageId);

    // Transport.send would save the message again, and saving makes a new Message-ID.
    try (Transport transport = message.getSession().getTransport("smtp")) {
      transport.connect("it-sender", "it-sender-1!");
      transport.sendMessage(message, message.getAllRecipients());
    }

    await().atMost(WAIT).until(() -> relay.getReceivedMessages().length == 1);
    MimeMessage received = relay.getReceivedMessages()[0];
    assertThat(received.getMessageID()).isEqualTo(messageId);
    assertThat(received.getSubject()).isEqualTo("Over SMTP");
    assertThat(String.join("\n", received.getHeader("Received")))
        .contains("with ESMTPSA")
        .contains("for <rita@example.org>");
  }

  @Test
  void jakartaMailWithoutTlsCannotAuthenticateAndIsRefused() {
    MimeMessage message = new MimeMessage(submissionSession(false));
    assertThatThrownBy(
            () -> {
              message.setFrom("sam@example.org");
              message.setRecipients(RecipientType.TO, "rita@example.org");
              message.setText("no TLS");
              // Transport.send would save the message again, and saving makes a new Message-ID.
              try (Transport transport = message.getSession().getTransport("smtp")) {
                transport.connect("it-sender", "it-sender-1!");
                transport.sendMessage(message, message.getAllRecipients());
              }
            })
        .isInstanceOf(MessagingException.class)
        .hasMessageContaining("530");
    assertThat(relay.getReceivedMessages()).isEmpty();
  }

  @Test
  void authBeforeStartTlsIsRefusedAndNotOffered() throws Exception {
    try (SmtpWire smtp = new SmtpWire(SUBMISSION)) {
      SmtpWire.Reply ehlo = smtp.command("EHLO wire.test");
      assertThat(ehlo.lines()).contains("STARTTLS").noneMatch(l -> l.startsWith("AUTH"));
      assertThat(smtp.authPlain("it-sender", "it-sender-1!").toString()).startsWith("530 5.7.0");
      assertThat(smtp.startTls().lines()).contains("AUTH PLAIN LOGIN");
      assertThat(smtp.authPlain("it-sender", "wrong").code()).isEqualTo(535);
      assertThat(smtp.authPlain("it-sender", "it-sender-1!").code()).isEqualTo(235);
    }
  }

  @Test
  void neitherListenerRelaysWithoutCredentials() throws Exception {
    try (SmtpWire smtp = new SmtpWire(SUBMISSION)) {
      smtp.startTls();
      assertThat(smtp.command("MAIL FROM:<sam@example.org>").toString()).startsWith("530 5.7.0");
      assertThat(smtp.command("RCPT TO:<rita@example.org>").toString()).startsWith("530 5.7.0");
    }
    try (SmtpWire smtp = new SmtpWire(MX)) {
      smtp.command("EHLO wire.test");
      assertThat(smtp.command("MAIL FROM:<sam@example.org>").code()).isEqualTo(250);
      assertThat(smtp.command("RCPT TO:<rita@example.org>").toString())
          .startsWith("550 5.7.1 Relaying denied");
      assertThat(smtp.command("DATA").toString()).startsWith("554 5.5.1");
    }
    assertThat(relay.getReceivedMessages()).isEmpty();
  }

  @Test
  void eachRecipientIsAnsweredOnItsOwn() throws Exception {
    try (SmtpWire smtp = authenticated("it-alice")) {
      assertThat(smtp.command("MAIL FROM:<mallory@example.org>").toString())
          .startsWith("550 5.7.1");
      assertThat(smtp.command("MAIL FROM:<it-alice@alice.example>").code()).isEqualTo(250);
      assertThat(smtp.command("RCPT TO:<nobody-here@localhost>").toString())
          .startsWith("550 5.1.1");
      assertThat(smtp.command("RCPT TO:<it-sender@localhost>").code()).isEqualTo(250);
      assertThat(smtp.command("RCPT TO:<rita@example.org>").code()).isEqualTo(250);
      assertThat(smtp.command("RCPT TO:<not an address>").toString()).startsWith("553 5.1.3");
      assertThat(smtp.command("RSET").code()).isEqualTo(250);
    }
  }

  @Test
  void recipientsPastTheLimitAreRefusedWith452() throws Exception {
    try (SmtpWire smtp = authenticated("it-sender")) {
      smtp.command("MAIL FROM:<sam@example.org>");
      String[] rcpts = new String[1001];
      for (int i = 0; i < rcpts.length; i++) {
        rcpts[i] = "RCPT TO:<r" + i + "@example.org>";
      }
      smtp.send(rcpts);
      for (int i = 0; i < 1000; i++) {
        assertThat(smtp.read().code()).isEqualTo(250);
      }
      assertThat(smtp.read().toString()).startsWith("452 4.5.3");
    }
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrderAndTheMxFilesWithAnArrivalEvent() throws Exception {
    String subject = "Pipelined " + UUID.randomUUID();
    try (SseClient events =
            new SseClient(SpoolerClient.API.resolve("mailboxes/it-alice/events"), null);
        SmtpWire smtp = new SmtpWire(MX)) {
      assertThat(events.status()).isEqualTo(200);
      assertThat(smtp.command("EHLO wire.test").lines())
          .contains("PIPELINING", "8BITMIME", "SMTPUTF8", "DSN", "ENHANCEDSTATUSCODES")
          .anyMatch(l -> l.startsWith("SIZE "));
      smtp.send(
          "MAIL FROM:<sam@remote.example>",
          "RCPT TO:<it-alice@localhost>",
          "RCPT TO:<elsewhere@example.org>",
          "DATA");
      assertThat(smtp.read().code()).isEqualTo(250);
      assertThat(smtp.read().code()).isEqualTo(250);
      assertThat(smtp.read().code()).isEqualTo(550);
      assertThat(smtp.read().code()).isEqualTo(354);
      smtp.send("From: sam@remote.example", "Subject: " + subject, "", "Hello Alice", ".", "QUIT");
      assertThat(smtp.read().text()).startsWith("2.0.0");
      assertThat(smtp.read().code()).isEqualTo(221);

      JsonObject data;
      do {
        SseClient.Event arrival = events.next(WAIT);
        assertThat(arrival).as("arrival event").isNotNull();
        data = Json.createReader(new StringReader(arrival.data())).readObject();
      } while (!data.getString("subject").equals(subject));
      assertThat(data.getString("folder")).isEqualTo("Inbox");
      assertThat(data.getString("mailbox")).isEqualTo("it-alice");
    }
    JsonObject read = filed("it-alice", subject);
    assertThat(header(read, "Return-Path")).isEqualTo("<sam@remote.example>");
    assertThat(header(read, "Received")).contains("with ESMTP id");
    assertThat(header(read, "Message-ID")).endsWith("@localhost>");
    assertThat(read.getString("text")).contains("Hello Alice");
  }

  @Test
  void eightBitAndSmtputf8MessagesArriveIntact() throws Exception {
    String subject = "Grüße " + UUID.randomUUID();
    try (SmtpWire smtp = new SmtpWire(MX)) {
      smtp.command("EHLO wire.test");
      assertThat(smtp.command("MAIL FROM:<søren@remote.example> SMTPUTF8 BODY=8BITMIME").code())
          .isEqualTo(250);
      assertThat(smtp.command("RCPT TO:<it-alice@localhost>").code()).isEqualTo(250);
      assertThat(smtp.command("DATA").code()).isEqualTo(354);
      smtp.send(
          "From: Søren <søren@remote.example>",
          "Subject: " + subject,
          "MIME-Version: 1.0",
          "Content-Type: text/plain; charset=UTF-8",
          "Content-Transfer-Encoding: 8bit",
          "",
          "Smørrebrød og kaffe",
          ".");
      assertThat(smtp.read().code()).isEqualTo(250);
    }
    JsonObject read = filed("it-alice", subject);
    assertThat(read.getString("text")).contains("Smørrebrød og kaffe");
    assertThat(header(read, "Received")).contains("with UTF8SMTP id");

    try (SmtpWire smtp = authenticated("it-sender")) {
      smtp.command("MAIL FROM:<sam@example.org> BODY=8BITMIME");
      smtp.command("RCPT TO:<rita@example.org>");
      smtp.command("DATA");
      smtp.send(
          "From: sam@example.org",
          "Subject: 8bit",
          "MIME-Version: 1.0",
          "Content-Type: text/plain; charset=UTF-8",
          "Content-Transfer-Encoding: 8bit",
          "",
          "Größe zählt",
          ".");
      assertThat(smtp.read().code()).isEqualTo(250);
    }
    await().atMost(WAIT).until(() -> relay.getReceivedMessages().length == 1);
    MimeMessage received = relay.getReceivedMessages()[0];
    assertThat(((String) received.getContent()).strip()).isEqualTo("Größe zählt");
  }

  @Test
  void messagesPastTheSizeLimitAreRefusedWith552() throws Exception {
    try (SmtpWire smtp = new SmtpWire(MX)) {
      smtp.command("EHLO wire.test");
      assertThat(smtp.command("MAIL FROM:<sam@remote.example> SIZE=10485761").toString())
          .startsWith("552 5.3.4");
      assertThat(smtp.command("MAIL FROM:<sam@remote.example> SIZE=100").code()).isEqualTo(250);
      smtp.command("RCPT TO:<it-alice@localhost>");
      assertThat(smtp.command("DATA").code()).isEqualTo(354);
      ByteArrayOutputStream big = new ByteArrayOutputStream();
      big.writeBytes("Subject: too big\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] line = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 10_600; i++) {
        big.writeBytes(line);
      }
      big.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
      smtp.sendBytes(big.toByteArray());
      assertThat(smtp.read().toString()).startsWith("552 5.3.4");
      assertThat(smtp.command("NOOP").code()).as("the session goes on").isEqualTo(250);
    }
  }

  @Test
  void dsnParametersBecomeTheMessagesReportRequests() throws Exception {
    String id;
    try (SmtpWire smtp = authenticated("it-sender")) {
      assertThat(smtp.command("MAIL FROM:<sam@example.org> RET=HDRS ENVID=env+2B42").code())
          .isEqualTo(250);
      assertThat(
              smtp.command(
                      "RCPT TO:<rita@example.org> NOTIFY=SUCCESS ORCPT=rfc822;rita@example.org")
                  .code())
          .isEqualTo(250);
      assertThat(smtp.command("RCPT TO:<tom@example.org> NOTIFY=NEVER").code()).isEqualTo(250);
      smtp.command("DATA");
      smtp.send("From: sam@example.org", "Subject: Tell me", "", "b", ".");
      SmtpWire.Reply queued = smtp.read();
      assertThat(queued.text()).startsWith("2.0.0 Ok: queued as ");
      id = queued.text().substring("2.0.0 Ok: queued as ".length());
    }
    JsonObject report =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    SpoolerClient.json(spooler.get("messages/" + id))
                        .getJsonArray("reports")
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .filter(r -> r.getString("kind").equals("DELIVERY"))
                        .findFirst()
                        .orElse(null),
                r -> r != null);
    assertThat(report.getJsonArray("recipients").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString)
        .containsExactly("SMTP:rita@example.org");
    String mime = spooler.get("messages/" + report.getString("reportMessageId") + "/mime").body();
    assertThat(mime).contains("Original-Envelope-Id: env+42");
    assertThat(SpoolerClient.json(spooler.get("messages/" + id)).getString("ret"))
        .isEqualTo("HDRS");
  }

  @Test
  void tooManyBadCommandsCloseTheSessionWith421() throws Exception {
    try (SmtpWire smtp = new SmtpWire(MX)) {
      smtp.command("EHLO wire.test");
      SmtpWire.Reply last = null;
      for (int i = 0; i < 10; i++) {
        last = smtp.command("RCPT TO:<before-mail@localhost>");
      }
      assertThat(last.code()).isEqualTo(503);
      assertThat(smtp.read().toString()).startsWith("421 4.7.0");
      assertThat(smtp.closedByServer()).isTrue();
    }
  }

  @Test
  void oneClientAddressGetsAtMostTenSessionsAtOnce() throws Exception {
    List<SmtpWire> open = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        SmtpWire smtp = new SmtpWire(MX);
        open.add(smtp);
        assertThat(smtp.greeting().code()).isEqualTo(220);
      }
      try (SmtpWire eleventh = new SmtpWire(MX)) {
        assertThat(eleventh.greeting().toString()).startsWith("421 4.7.0");
        assertThat(eleventh.closedByServer()).isTrue();
      }
      open.remove(0).close();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                try (SmtpWire again = new SmtpWire(MX)) {
                  assertThat(again.greeting().code()).isEqualTo(220);
                }
              });
    } finally {
      for (SmtpWire smtp : open) {
        smtp.close();
      }
    }
  }

  private static Session submissionSession(boolean startTls) {
    Properties properties = new Properties();
    properties.setProperty("mail.smtp.host", "127.0.0.1");
    properties.setProperty("mail.smtp.port", Integer.toString(SUBMISSION));
    properties.setProperty("mail.smtp.auth", "true");
    properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(startTls));
    properties.setProperty("mail.smtp.starttls.required", Boolean.toString(startTls));
    properties.setProperty("mail.smtp.ssl.trust", "*");
    properties.setProperty("mail.smtp.timeout", "30000");
    return Session.getInstance(properties);
  }

  private static SmtpWire authenticated(String user) throws Exception {
    SmtpWire smtp = new SmtpWire(SUBMISSION);
    smtp.startTls();
    SmtpWire.Reply auth = smtp.authPlain(user, user + "-1!");
    assertThat(auth.code()).as(auth.toString()).isEqualTo(235);
    return smtp;
  }

  /** The one message filed in the owner's Inbox with this subject, as the read API shows it. */
  private JsonObject filed(String owner, String subject) {
    JsonObject entry =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    SpoolerClient.json(
                            spooler.get("mailboxes/" + owner + "/folders/Inbox/messages?limit=200"))
                        .getJsonArray("messages")
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .filter(m -> m.getString("subject").equals(subject))
                        .findFirst()
                        .orElse(null),
                m -> m != null);
    return SpoolerClient.json(
        spooler.get("mailboxes/" + owner + "/messages/" + entry.getJsonNumber("id").longValue()));
  }

  private static String header(JsonObject read, String name) {
    List<JsonObject> headers = read.getJsonArray("headers").getValuesAs(JsonObject.class);
    return headers.stream()
        .filter(h -> h.getString("name").equalsIgnoreCase(name))
        .map(h -> h.getString("value"))
        .findFirst()
        .orElse(null);
  }
}
