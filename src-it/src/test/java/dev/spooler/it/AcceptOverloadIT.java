package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spooler.testing.ScriptedSmtpServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Overload is an answer, not a loss: a server whose accept queue holds two submissions, offered
 * REST and SMTP clients at once, answers some REST ones 503 with Retry-After and some SMTP ones
 * {@code 421 4.3.2} (nothing stored, session closed), and delivers every message it answered 202 or
 * 250 exactly once.
 */
class AcceptOverloadIT {

  private static final int RELAY_PORT = Integer.getInteger("it.crash.smtp.port", 3026);
  private static final int PORT_OFFSET = Integer.getInteger("it.crash.port.offset", 200);
  private static final int SUBMISSION = 587 + PORT_OFFSET;
  private static final int REST_CLIENTS = 24;
  private static final int SMTP_CLIENTS = 8;
  private static final int SMTP_EACH = 10;

  /** What the server took: REST message ids and SMTP Message-IDs' left-hand sides. */
  private final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();

  private final AtomicInteger restRefused = new AtomicInteger();
  private final AtomicInteger smtpRefused = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

  @Test
  void aFullAcceptQueueIsAnsweredWith503Or421AndEveryAcceptedMessageArrivesOnce() throws Exception {
    try (ScriptedSmtpServer relay = new ScriptedSmtpServer(RELAY_PORT);
        // A tiny queue, one message per transaction: accepting falls behind at once.
        SpoolerNode node =
            SpoolerNode.relayingTo(
                RELAY_PORT,
                Path.of("target/overload-node"),
                PORT_OFFSET,
                "-Dspooler.accept.capacity=2",
                "-Dspooler.accept.workers=1",
                "-Dspooler.accept.batch-size=1")) {
      node.start();
      node.awaitReady();

      AtomicBoolean smtpSending = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(REST_CLIENTS + SMTP_CLIENTS);
      List<Future<?>> rest = new ArrayList<>();
      for (int c = 0; c < REST_CLIENTS; c++) {
        int client = c;
        rest.add(clients.submit(() -> postWhile(node, client, smtpSending)));
      }
      List<Future<?>> smtp = new ArrayList<>();
      for (int c = 0; c < SMTP_CLIENTS; c++) {
        int client = c;
        smtp.add(clients.submit(() -> sendOverSmtp(client)));
      }
      for (Future<?> f : smtp) {
        f.get();
      }
      smtpSending.set(false);
      for (Future<?> f : rest) {
        f.get();
      }
      clients.shutdown();
      System.out.printf(
          "overload: accepted (202/250)=%d, refused REST (503 + Retry-After)=%d,"
              + " refused SMTP (421 4.3.2)=%d%n",
          accepted.size(), restRefused.get(), smtpRefused.get());

      assertThat(unexpected).isEmpty();
      assertThat(restRefused.get()).as("some REST answered 503").isPositive();
      assertThat(smtpRefused.get()).as("some SMTP answered 421").isPositive();
      assertThat(accepted).as("some accepted").isNotEmpty();
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> RelayArrivals.byMessageId(relay).size() >= accepted.size());
      Map<String, Long> arrivals = RelayArrivals.byMessageId(relay);
      assertThat(arrivals.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
      assertThat(RelayArrivals.duplicates(arrivals)).as("each exactly once").isZero();
    }
  }

  /** REST submissions, one after another, until the SMTP clients are done (at least five). */
  private void postWhile(SpoolerNode node, int client, AtomicBoolean going) {
    for (int i = 0; i < 5 || going.get(); i++) {
      HttpResponse<String> response =
          node.client()
              .post(
                  "messages",
                  """
                  {"from":"alice@example.org","to":["bob@example.org"],
                   "subject":"load %d-%d","body":"b"}
                  """
                      .formatted(client, i));
      if (response.statusCode() == 202) {
        accepted.add(SpoolerClient.json(response).getString("id"));
      } else if (response.statusCode() == 503
          && response.headers().firstValue("Retry-After").isPresent()
          && response
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .equals("application/problem+json")) {
        restRefused.incrementAndGet();
      } else {
        unexpected.add("REST " + response.statusCode() + " " + response.body());
      }
    }
  }

  /** SMTP submissions, a session each: 250, or 421 4.3.2 and the session closed. */
  private Void sendOverSmtp(int client) throws Exception {
    for (int i = 0; i < SMTP_EACH; i++) {
      String local = "overload-" + client + "-" + i;
      try (SmtpWire smtp = new SmtpWire(SUBMISSION)) {
        smtp.startTls();
        SmtpWire.Reply auth = smtp.authPlain("it-admin", "it-admin-1!");
        if (auth.code() != 235) {
          throw new IOException("AUTH refused: " + auth);
        }
        smtp.command("MAIL FROM:<alice@example.org>");
        smtp.command("RCPT TO:<bob@example.org>");
        smtp.command("DATA");
        smtp.send(
            "Message-ID: <" + local + "@overload.example>",
            "From: alice@example.org",
            "Subject: overload",
            "",
            "body",
            ".");
        SmtpWire.Reply reply = smtp.read();
        if (reply.code() == 250) {
          accepted.add(local);
        } else if (reply.code() == 421 && reply.text().startsWith("4.3.2") && closed(smtp)) {
          smtpRefused.incrementAndGet();
        } else {
          unexpected.add("SMTP " + reply);
        }
      }
    }
    return null;
  }

  private static boolean closed(SmtpWire smtp) {
    try {
      return smtp.closedByServer();
    } catch (IOException reset) {
      return true; // closed without TLS close_notify
    }
  }
}
