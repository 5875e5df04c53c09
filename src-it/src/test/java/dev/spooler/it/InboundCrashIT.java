package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Kills a spooler with SIGKILL while it is fetching a full IMAP mailbox, and restarts it: every
 * message must be filed exactly once. At the kill some messages are fetched but not committed (they
 * are still on the server and fetched again), some committed but not yet removed (recognised by
 * their receipt and only removed), and some committed but not yet filed (the post-process stage
 * files them after the restart).
 */
class InboundCrashIT {

  private static final int MESSAGES = 150;
  private static final int IMAP_PORT = Integer.getInteger("it.crash.imap.port", 3144);
  private static final int PORT_OFFSET = Integer.getInteger("it.crash.port.offset", 200);

  @Test
  void everyFetchedMessageIsFiledOnceAfterAKill9() throws Exception {
    GreenMail imap = new GreenMail(new ServerSetup(IMAP_PORT, "127.0.0.1", "imap"));
    imap.start();
    try (SpoolerNode node =
        new SpoolerNode(
            Path.of("target/inbound-crash-node"),
            PORT_OFFSET,
            List.of(
                "-Dspooler.inbound.accounts=crash",
                "-Dspooler.inbound.crash.protocol=imap",
                "-Dspooler.inbound.crash.host=127.0.0.1",
                "-Dspooler.inbound.crash.port=" + IMAP_PORT,
                "-Dspooler.inbound.crash.user=kim@example.org",
                "-Dspooler.inbound.crash.password=secret",
                "-Dspooler.inbound.crash.mailbox=kim",
                "-Dspooler.inbound.crash.interval=PT1S",
                "-Dspooler.inbound.crash.batch-size=1000"))) {
      node.start();
      awaitReady(node);
      GreenMailUser kim = imap.setUser("kim@example.org", "kim@example.org", "secret");
      Session session = Session.getInstance(new Properties());
      for (int i = 0; i < MESSAGES; i++) {
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom("zoe@remote.example");
        mime.setSubject("crash " + i);
        mime.setText("b");
        mime.saveChanges();
        mime.setHeader("Message-ID", "<crash-" + i + "@remote.example>");
        kim.deliver(mime);
      }

      int filedAtKill =
          await()
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> inboxTotal(node), n -> n >= MESSAGES / 10);
      node.kill();
      int remoteAtKill = remoteCount(imap, kim);

      node.start();
      awaitReady(node);
      // A receipt whose XA transaction was prepared when the server died stays locked until the
      // transaction manager's recovery pass (every 2 minutes, and it may take two) resolves it;
      // until then that message is fetched and left on the server at each poll.
      await()
          .atMost(Duration.ofMinutes(8))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> remoteCount(imap, kim) == 0 && inboxTotal(node) >= MESSAGES);
      List<String> subjects = inboxSubjects(node);
      Set<String> distinct = new HashSet<>(subjects);
      System.out.printf(
          "inbound crash test: messages=%d, filed when killed=%d, on the server when killed=%d,"
              + " filed after restart=%d, distinct=%d%n",
          MESSAGES, filedAtKill, remoteAtKill, subjects.size(), distinct.size());
      assertThat(distinct).hasSize(MESSAGES);
      assertThat(subjects).hasSize(MESSAGES);
    } finally {
      imap.stop();
    }
  }

  private static void awaitReady(SpoolerNode node) {
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(node::isReady);
  }

  /** Inbox size, or -1 while the node does not answer (killed, starting). */
  private static int inboxTotal(SpoolerNode node) {
    try {
      HttpResponse<String> folders = node.client().get("mailboxes/kim/folders");
      if (folders.statusCode() != 200) {
        return -1;
      }
      return jakarta.json.Json.createReader(new StringReader(folders.body())).readArray().stream()
          .map(v -> v.asJsonObject())
          .filter(f -> f.getString("name").equals("Inbox"))
          .mapToInt(f -> f.getInt("total"))
          .findFirst()
          .orElse(-1);
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static List<String> inboxSubjects(SpoolerNode node) {
    List<String> subjects = new ArrayList<>();
    SpoolerClient client = node.client();
    for (int offset = 0; ; offset += 200) {
      JsonObject page =
          SpoolerClient.json(
              client.get("mailboxes/kim/folders/Inbox/messages?limit=200&offset=" + offset));
      List<JsonObject> messages = page.getJsonArray("messages").getValuesAs(JsonObject.class);
      messages.forEach(m -> subjects.add(m.getString("subject")));
      if (messages.size() < 200) {
        return subjects;
      }
    }
  }

  private static int remoteCount(GreenMail imap, GreenMailUser user) throws Exception {
    return imap.getManagers().getImapHostManager().getInbox(user).getMessageCount();
  }
}
