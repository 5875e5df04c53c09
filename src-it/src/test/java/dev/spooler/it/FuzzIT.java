package dev.spooler.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spooler.submit.IdempotencyKey;
import dev.spooler.submit.jms.SubmitProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A small seeded fuzz run through both ways in: random JSON and bytes over REST, random MIME and
 * JSON over JMS. Every REST request gets a 2xx or 4xx, every JMS submission an answer (accepted or
 * rejected) and nothing reaches spooler.dead, and the server logs no ERROR meanwhile. Bounded in
 * count and time ({@code it.fuzz.rest}, {@code it.fuzz.jms}, {@code it.fuzz.seconds}); the seed is
 * printed and can be given back with {@code -Dit.fuzz.seed=}.
 */
@ExtendWith(ArquillianExtension.class)
class FuzzIT {

  private static final long SEED = Long.getLong("it.fuzz.seed", System.nanoTime());
  private static final int REST_COUNT = Integer.getInteger("it.fuzz.rest", 400);
  private static final int JMS_COUNT = Integer.getInteger("it.fuzz.jms", 200);
  private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("it.fuzz.seconds", 60));
  private static final Path SERVER_LOG =
      Path.of(System.getProperty("jboss.home", "target/server"), "standalone/log/server.log");
  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json; charset=utf-8",
          "application/json; charset=UTF-8",
          "application/json; charset=latin1",
          "text/plain",
          "application/xml");

  private final ApiCaller sender = ApiCaller.sender();
  private final ApiCaller operator = ApiCaller.operator();
  private long logOffset;
  private long deadLettersBefore;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return SpoolerDeployment.ear();
  }

  @BeforeEach
  void markLogAndDeadLetters() throws IOException {
    System.out.println("FuzzIT seed " + SEED + " (repeat with -Dit.fuzz.seed=" + SEED + ")");
    // The local mailboxes exist before the run: two first deliveries racing to create one both
    // succeed, but the loser's rolled-back insert is logged at ERROR by Hibernate and the EJB
    // container, which would hide what this test looks for.
    HttpResponse<String> warmUp =
        sender.postJson(
            "messages",
            "{\"from\": \""
                + FuzzInputs.SENDER
                + "\", \"to\": [\""
                + FuzzInputs.SINK
                + "\", \"LOCAL:fuzz-other\"], \"body\": \"warm-up\", \"notify\": [\"NEVER\"]}");
    assertThat(warmUp.statusCode()).as(warmUp.body()).isEqualTo(202);
    logOffset = Files.exists(SERVER_LOG) ? Files.size(SERVER_LOG) : 0;
    deadLettersBefore = deadLetters();
  }

  @AfterEach
  void noStageFailedAndNothingWasLeftWaiting() throws IOException {
    for (String state : List.of("queued", "deferred", "held")) {
      operator.send("POST", "queue/" + state + "/delete?sender=" + enc(FuzzInputs.SENDER));
      operator.send("POST", "queue/" + state + "/delete?recipient=" + enc(FuzzInputs.SENDER));
    }
    assertThat(deadLetters()).as("new entries in spooler.dead").isEqualTo(deadLettersBefore);
    assertThat(errorsLoggedSince(logOffset)).as("ERROR lines in " + SERVER_LOG).isEmpty();
  }

  @Test
  void randomJsonAndBytesOverRestGetA2xxOr4xxNeverA5xx() {
    FuzzInputs fuzz = new FuzzInputs(SEED);
    Instant end = Instant.now().plus(BUDGET);
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (; sent < REST_COUNT && Instant.now().isBefore(end); sent++) {
      String json = fuzz.json();
      byte[] body = fuzz.bytes(json);
      String type = fuzz.chance(85) ? CONTENT_TYPES.get(0) : fuzz.oneOf(CONTENT_TYPES);
      String[] key =
          fuzz.chance(20) ? new String[] {"Idempotency-Key", fuzz.headerValue()} : new String[0];
      HttpResponse<String> response = sender.post("messages", type, body, key);
      statuses.merge(response.statusCode(), 1, Integer::sum);
      boolean problem =
          response.statusCode() < 300
              || response
                  .headers()
                  .firstValue("Content-Type")
                  .orElse("")
                  .equals("application/problem+json");
      if (response.statusCode() >= 500 || response.statusCode() < 200 || !problem) {
        failures.add(response.statusCode() + " for " + json + " -> " + response.body());
      }
    }
    System.out.println("FuzzIT REST: " + sent + " requests, statuses " + statuses);

    assertThat(failures).as("answers that are not 2xx or a 4xx problem").isEmpty();
    assertThat(sent).isGreaterThanOrEqualTo(Math.min(REST_COUNT, 50));
  }

  @Test
  void randomMimeAndJsonOverJmsAreEachAnsweredAndNoneIsDeadLettered() throws JMSException {
    FuzzInputs fuzz = new FuzzInputs(SEED ^ 0x5DEECE66DL);
    Instant end = Instant.now().plus(BUDGET);
    Set<String> unanswered = new HashSet<>();
    Map<String, Integer> answers = new LinkedHashMap<>();
    try (SubmitQueueProbe probe = new SubmitQueueProbe()) {
      int sent = 0;
      for (; sent < JMS_COUNT && Instant.now().isBefore(end); sent++) {
        Message submission;
        if (fuzz.chance(60)) {
          BytesMessage bytes = probe.jms.createBytesMessage();
          bytes.writeBytes(fuzz.mime());
          if (fuzz.chance(95)) {
            bytes.setStringProperty(SubmitProperties.SENDER, fuzz.property(FuzzInputs.SENDER));
          }
          bytes.setStringProperty(SubmitProperties.TO, fuzz.property(FuzzInputs.SINK));
          bytes.setStringProperty(SubmitProperties.NOTIFY, fuzz.property("NEVER"));
          submission = bytes;
        } else {
          submission = probe.jms.createTextMessage(fuzz.json());
        }
        String key = null;
        if (fuzz.chance(20)) {
          // Unique when usable: two racing submissions with one key are a known, logged rollback.
          key = fuzz.chance(50) ? UUID.randomUUID().toString() : fuzz.unusableKey();
          submission.setStringProperty(SubmitProperties.IDEMPOTENCY_KEY, key);
        }
        String id = probe.send(submission);
        // Replies are correlated by a usable key, else by the JMSMessageID.
        unanswered.add(key != null && IdempotencyKey.problem(key).isEmpty() ? key : id);
      }
      Instant patience = Instant.now().plusSeconds(120);
      while (!unanswered.isEmpty() && Instant.now().isBefore(patience)) {
        JsonObject reply = probe.reply();
        String type = reply.getString("type");
        if (!type.equals("status") && unanswered.remove(reply.getString("correlationId"))) {
          answers.merge(type, 1, Integer::sum);
        }
      }
      System.out.println("FuzzIT JMS: " + sent + " messages, answers " + answers);
    }

    assertThat(unanswered).as("submissions without an answer").isEmpty();
  }

  private long deadLetters() {
    HttpResponse<String> page = operator.get("queue/dead-lettered?limit=1");
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    return ApiCaller.json(page).getJsonNumber("total").longValue();
  }

  private static List<String> errorsLoggedSince(long offset) throws IOException {
    if (!Files.exists(SERVER_LOG)) {
      return List.of("no server log at " + SERVER_LOG);
    }
    byte[] all = Files.readAllBytes(SERVER_LOG);
    int from = (int) Math.min(offset, all.length);
    String added = new String(all, from, all.length - from, StandardCharsets.UTF_8);
    // Undertow's own I/O errors (a browser closing an SSE stream) are not the spooler's stages.
    return added
        .lines()
        .filter(l -> l.contains(" ERROR ") && !l.contains(" ERROR [io.undertow"))
        .toList();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
