package dev.spooler.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubmissionJsonTest {

  @Test
  void everyFieldIsRead() {
    Submission s =
        SubmissionJson.read(
            """
            {"from": "a@example.org", "to": ["b@example.org"], "cc": [], "bcc": ["c@example.org"],
             "subject": "s", "body": "b", "priority": "urgent", "deferUntil": "2026-01-01T00:00:00Z",
             "expiresAt": "2026-01-02T00:00:00Z", "notify": ["SUCCESS"],
             "recipientNotify": {"b@example.org": ["NEVER"]}, "envelopeId": "e1", "ret": "HDRS",
             "unknown": 5}
            """);

    assertThat(s)
        .isEqualTo(
            new Submission(
                "a@example.org",
                List.of("b@example.org"),
                List.of(),
                List.of("c@example.org"),
                "s",
                "b",
                "urgent",
                "2026-01-01T00:00:00Z",
                "2026-01-02T00:00:00Z",
                List.of("SUCCESS"),
                Map.of("b@example.org", List.of("NEVER")),
                "e1",
                "HDRS"));
  }

  @Test
  void nullMeansNotGiven() {
    Submission s = SubmissionJson.read("{\"from\": null, \"to\": null, \"body\": \"b\"}");

    assertThat(s.from()).isNull();
    assertThat(s.to()).isNull();
  }

  @Test
  void wrongTypesAreNamedByTheirField() {
    InvalidSubmissionException e =
        catchThrowableOfType(
            InvalidSubmissionException.class,
            () ->
                SubmissionJson.read(
                    """
                    {"from": 42, "to": "b@example.org", "cc": ["c@example.org", 7],
                     "subject": ["x"], "body": true, "recipientNotify": {"b@example.org": "NEVER"}}
                    """));

    assertThat(e.violations())
        .extracting(v -> v.field() + ": " + v.reason())
        .containsExactly(
            "from: must be a string, got a number",
            "to: must be an array of strings, got a string",
            "cc[1]: must be a string, got a number",
            "subject: must be a string, got an array",
            "body: must be a string, got a boolean",
            "recipientNotify[b@example.org]: must be an array of strings, got a string");
  }

  @Test
  void malformedJsonIsNamedAsTheWholeBody() {
    InvalidSubmissionException e =
        catchThrowableOfType(
            InvalidSubmissionException.class, () -> SubmissionJson.read("{\"from\": \"a\", "));

    assertThat(e.violations()).extracting(Violation::field).containsExactly("(body)");
    assertThat(e.violations().get(0).reason()).startsWith("is not valid JSON (line 1");
  }

  @Test
  void documentThatIsNotAnObjectOrEmptyIsRefused() {
    assertThat(reasonFor("[1, 2]")).isEqualTo("must be a JSON object, got an array");
    assertThat(reasonFor("\"text\"")).isEqualTo("must be a JSON object, got a string");
    assertThat(reasonFor("  ")).isEqualTo("is empty: send a JSON object");
    assertThat(reasonFor("{} trailing")).startsWith("is not valid JSON");
  }

  @Test
  void deeplyNestedJsonIsRefusedNotAStackOverflow() {
    String deep = "{\"to\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";

    assertThat(reasonFor(deep)).isEqualTo("nests deeper than 32 levels");
    int arrays = SubmissionJson.MAX_DEPTH - 1; // inside the object: exactly the limit
    assertThat(SubmissionJson.read("{\"x\": " + "[".repeat(arrays) + "]".repeat(arrays) + "}"))
        .isNotNull();
  }

  @Test
  void randomTextIsReadOrRefusedWithViolationsNeverAnotherFailure() {
    Random random = new Random(7);
    String alphabet = "{}[]\":,0123456789.eE-+ truefalsnul\\u\"abc\u00e9\ud83d\ude00";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder text = new StringBuilder("{\"from\":");
      for (int n = random.nextInt(60); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        SubmissionJson.read(text.toString());
      } catch (InvalidSubmissionException expected) {
        assertThat(expected.violations()).isNotEmpty();
      }
    }
  }

  private static String reasonFor(String json) {
    return catchThrowableOfType(InvalidSubmissionException.class, () -> SubmissionJson.read(json))
        .violations()
        .get(0)
        .reason();
  }

  @Test
  void aBatchIsReadEntryByEntryWithItsKeysAndEachUnreadableEntryNamed() {
    List<SubmissionJson.BatchEntry> entries =
        SubmissionJson.readBatch(
            """
            [{"from": "a@example.org", "to": ["b@example.org"], "body": "1", "idempotencyKey": "k1"},
             {"from": "a@example.org", "to": "b@example.org", "body": "2"},
             "not an object",
             {"from": "a@example.org", "to": ["b@example.org"], "body": "4", "idempotencyKey": 7}]
            """,
            10);

    assertThat(entries).hasSize(4);
    assertThat(entries.get(0).isReadable()).isTrue();
    assertThat(entries.get(0).idempotencyKey()).isEqualTo("k1");
    assertThat(entries.get(0).submission().body()).isEqualTo("1");
    assertThat(entries.get(1).problem())
        .containsExactly(new Violation("to", "must be an array of strings, got a string"));
    assertThat(entries.get(2).problem())
        .containsExactly(
            new Violation(SubmissionJson.DOCUMENT, "must be a JSON object, got a string"));
    assertThat(entries.get(3).problem())
        .containsExactly(new Violation("idempotencyKey", "must be a string, got a number"));
  }

  @Test
  void aBatchOverTheLimitIsRefusedWholeAsTooLarge() {
    MessageTooLargeException e =
        catchThrowableOfType(
            MessageTooLargeException.class, () -> SubmissionJson.readBatch("[{}, {}, {}]", 2));

    assertThat(e.violations())
        .containsExactly(
            new Violation(
                SubmissionJson.DOCUMENT,
                "holds 3 submissions, more than the limit of 2 per batch"));
  }

  @Test
  void aBatchMustBeANonEmptyArray() {
    assertThat(
            catchThrowableOfType(
                    InvalidSubmissionException.class, () -> SubmissionJson.readBatch("{}", 2))
                .violations())
        .containsExactly(
            new Violation(
                SubmissionJson.DOCUMENT, "must be a JSON array of submissions, got an object"));
    assertThat(
            catchThrowableOfType(
                    InvalidSubmissionException.class, () -> SubmissionJson.readBatch("[]", 2))
                .violations())
        .containsExactly(new Violation(SubmissionJson.DOCUMENT, "holds no submission"));
  }
}
