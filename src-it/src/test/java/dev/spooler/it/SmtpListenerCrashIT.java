package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spooler.testing.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the server while SMTP clients are between the end of their data and the listener's
 * answer. A client that got 250 must find its message stored and delivered; a client that got no
 * answer sends again once the server is back, as SMTP clients do; every message reaches the relay
 * and nothing is left half-stored (every 250 is a delivered message).
 */
class SmtpListenerCrashIT {

  private static final int CLIENTS = 6;
  private static final int RELAY_PORT = Integer.getInteger("it.crash.smtp.port", 3026);
  private static final int PORT_OFFSET = Integer.getInteger("it.crash.port.offset", 200);
  private static final int SUBMISSION = 587 + PORT_OFFSET;

  /** Sends to the relay that can be in flight at the kill: the transport stage's sessions. */
  private static final int MAX_SENDS_IN_FLIGHT = 15;

  /** The 250 answers: Message-ID → the spooler's message id. */
  private final Map<String, String> taken = new ConcurrentHashMap<>();

  /** Clients that have sent their data's final dot and wait for the answer. */
  private final AtomicInteger awaitingAnswer = new AtomicInteger();

  @Test
  void aMessageWhoseAnswerWasLostIsSentAgainAndEveryAnsweredOneIsStored() throws Exception {
    try (ScriptedSmtpServer relay = new ScriptedSmtpServer(RELAY_PORT);
        SpoolerNode node =
            new SpoolerNode(
                Path.of("target/smtp-crash-node"),
                PORT_OFFSET,
                List.of(
                    "-Dspooler.smtp.host=127.0.0.1",
                    "-Dspooler.smtp.port=" + RELAY_PORT,
                    "-Dspooler.retry.first=PT2S",
                    "-Dspooler.dispatch.lease=PT20S",
                    "-Dspooler.dispatch.sweep-interval=PT5S"))) {
      node.start();
      node.awaitReady();

      AtomicBoolean sending = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<List<String>>> work = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        work.add(clients.submit(() -> sendUntilStopped(client, sending)));
      }
      await().atMost(Duration.ofMinutes(2)).until(() -> taken.size() >= 30);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(1))
          .until(() -> awaitingAnswer.get() >= 2);
      node.kill();
      sending.set(false);
      List<String> lost = new ArrayList<>();
      for (Future<List<String>> client : work) {
        lost.addAll(client.get());
      }
      clients.shutdownNow();
      System.out.printf(
          "SMTP crash test: answered before kill -9=%d, unanswered at the kill=%d%n",
          taken.size(), lost.size());
      assertThat(lost).as("sessions cut between the data and the answer").isNotEmpty();

      node.start();
      node.awaitReady();
      // The clients send what got no answer again.
      for (String messageId : lost) {
        resend(messageId);
      }
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> taken.values().stream().allMatch(node::hasDelivered));
      Map<String, Long> arrivals = RelayArrivals.byMessageId(relay);
      // RelayArrivals keys a message by the left-hand side of its Message-ID.
      assertThat(arrivals.keySet())
          .containsAll(
              taken.keySet().stream().map(id -> id.substring(1, id.indexOf('@'))).toList());
      // Twice at most: a message stored just before the kill whose 250 was lost (sent again by its
      // client), and a send in flight to the relay whose outcome the kill kept from committing
      // (at most one per transport stage session, as in CrashRecoveryIT); both keep their ids.
      assertThat(arrivals.values()).allMatch(n -> n <= 2);
      assertThat(RelayArrivals.duplicates(arrivals))
          .isLessThanOrEqualTo(lost.size() + MAX_SENDS_IN_FLIGHT);
    }
  }

  /** Sends messages one after another until told to stop; returns those left unanswered. */
  private List<String> sendUntilStopped(int client, AtomicBoolean sending) {
    List<String> lost = new ArrayList<>();
    int n = 0;
    while (sending.get()) {
      String messageId = "<c" + client + "-" + n++ + "@crash.example>";
      try (SmtpWire smtp = session()) {
        smtp.command("MAIL FROM:<crash@example.org>");
        smtp.command("RCPT TO:<sink@example.org>");
        smtp.command("DATA");
        awaitingAnswer.incrementAndGet();
        try {
          smtp.send(message(messageId));
          record(messageId, smtp.read());
        } catch (IOException cut) {
          lost.add(messageId);
        } finally {
          awaitingAnswer.decrementAndGet();
        }
      } catch (Exception serverGone) {
        return lost;
      }
    }
    return lost;
  }

  private void resend(String messageId) throws Exception {
    try (SmtpWire smtp = session()) {
      smtp.command("MAIL FROM:<crash@example.org>");
      smtp.command("RCPT TO:<sink@example.org>");
      smtp.command("DATA");
      smtp.send(message(messageId));
      record(messageId, smtp.read());
    }
    assertThat(taken).containsKey(messageId);
  }

  private void record(String messageId, SmtpWire.Reply reply) {
    assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
    taken.put(messageId, reply.text().substring("2.0.0 Ok: queued as ".length()));
  }

  private static SmtpWire session() throws Exception {
    SmtpWire smtp = new SmtpWire(SUBMISSION);
    smtp.startTls();
    SmtpWire.Reply auth = smtp.authPlain("it-admin", "it-admin-1!");
    if (auth.code() != 235) {
      throw new IOException("AUTH refused: " + auth);
    }
    return smtp;
  }

  private static String[] message(String messageId) {
    return new String[] {
      "Message-ID: " + messageId, "From: crash@example.org", "Subject: crash", "", "body", "."
    };
  }
}
