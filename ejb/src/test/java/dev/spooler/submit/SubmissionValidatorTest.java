package dev.spooler.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.spooler.message.Priority;
import dev.spooler.message.RecipientKind;
import dev.spooler.message.ReportKind;
import dev.spooler.message.ReturnOfContent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmissionValidatorTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private final SubmissionValidator validator = new SubmissionValidator(3);

  @Test
  void validSubmissionIsParsedIntoTypedRecipientsInOrder() {
    var valid =
        validator.validate(
            Submission.of(
                "alice@example.org",
                List.of("bob@example.org"),
                List.of("LOCAL:carol"),
                List.of("SMTP:dave@example.org"),
                null,
                ""),
            NOW);

    assertThat(valid.from()).hasToString("SMTP:alice@example.org");
    assertThat(valid.recipients())
        .extracting(r -> r.address() + " " + r.kind())
        .containsExactly("SMTP:bob@example.org TO", "LOCAL:carol CC", "SMTP:dave@example.org BCC");
    assertThat(valid.subject()).isEmpty();
    assertThat(valid.recipients().get(1).kind()).isEqualTo(RecipientKind.CC);
  }

  @Test
  void theSameMailboxNamedTwiceIsOneRecipientAndTheAnswerSaysWhatWasMerged() {
    var valid =
        validator.validate(
            Submission.of(
                "alice@example.org",
                List.of("bob@example.net"),
                List.of("bob@EXAMPLE.net", "carol@example.net"),
                List.of("carol@example.net", "SMTP:bob@example.NET"),
                "s",
                "b"),
            NOW);

    assertThat(valid.recipients())
        .extracting(r -> r.address() + " " + r.kind())
        .containsExactly("SMTP:bob@example.net TO", "SMTP:carol@example.net CC");
    assertThat(valid.merged())
        .containsExactly(
            new MergedRecipient("cc[0]", "SMTP:bob@EXAMPLE.net", "to[0]"),
            new MergedRecipient("bcc[0]", "SMTP:carol@example.net", "cc[1]"),
            new MergedRecipient("bcc[1]", "SMTP:bob@example.NET", "to[0]"));
  }

  @Test
  void aLocalPartDiffersByCaseAndAnUnicodeDomainMatchesItsALabel() {
    var valid =
        validator.validate(
            Submission.of(
                "alice@example.org",
                List.of("Bob@example.net", "bob@example.net", "jo@bücher.example"),
                List.of("jo@xn--bcher-kva.example"),
                null,
                "s",
                "b"),
            NOW);

    assertThat(valid.recipients()).hasSize(3);
    assertThat(valid.merged()).extracting(MergedRecipient::field).containsExactly("cc[0]");
  }

  @Test
  void recipientsAreCountedAgainstTheLimitOnceEach() {
    var valid =
        validator.validate(
            Submission.of(
                "alice@example.org",
                List.of("a@example.net", "b@example.net", "c@example.net"),
                List.of("a@example.net"),
                List.of("b@example.net"),
                "s",
                "b"),
            NOW);

    assertThat(valid.recipients()).hasSize(3);
  }

  @Test
  void everyViolationIsNamedByItsField() {
    InvalidSubmissionException e =
        catchThrowableOfType(
            InvalidSubmissionException.class,
            () ->
                validator.validate(
                    Submission.of(
                        null,
                        List.of("bob@example.org", "bob@@example"),
                        null,
                        List.of("x"),
                        "two\nlines",
                        null),
                    NOW));

    assertThat(e.violations())
        .extracting(Violation::field)
        .containsExactly("from", "to[1]", "bcc[0]", "subject", "body");
  }

  @Test
  void noRecipientsIsRefused() {
    InvalidSubmissionException e =
        catchThrowableOfType(
            InvalidSubmissionException.class,
            () ->
                validator.validate(
                    Submission.of("alice@example.org", List.of(), null, null, "s", "b"), NOW));

    assertThat(e.violations()).extracting(Violation::field).containsExactly("to");
  }

  @Test
  void tooManyRecipientsIsRefused() {
    InvalidSubmissionException e =
        catchThrowableOfType(
            InvalidSubmissionException.class,
            () ->
                validator.validate(
                    Submission.of(
                        "alice@example.org",
                        List.of("a@example.org", "b@example.org"),
                        List.of("c@example.org", "d@example.org"),
                        null,
                        "s",
                        "b"),
                    NOW));

    assertThat(e.violations())
        .singleElement()
        .extracting(Violation::reason)
        .asString()
        .contains("at most 3");
  }

  @Test
  void deliveryOptionsAreParsed() {
    var valid =
        validator.validate(
            new Submission(
                "alice@example.org",
                List.of("bob@example.org"),
                null,
                null,
                "s",
                "b",
                "Urgent",
                "2026-11-25T11:00:00Z",
                "2026-11-26T10:00:00Z",
                null,
                null,
                null,
                null),
            NOW);

    assertThat(valid.priority()).isEqualTo(Priority.URGENT);
    assertThat(valid.deferUntil()).isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));
    assertThat(valid.expiresAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
  }

  @Test
  void badDeliveryOptionsAreNamed() {
    InvalidSubmissionException e =
        catchThrowableOfType(
            InvalidSubmissionException.class,
            () ->
                validator.validate(
                    new Submission(
                        "alice@example.org",
                        List.of("bob@example.org"),
                        null,
                        null,
                        "s",
                        "b",
                        "asap",
                        "tomorrow",
                        "2026-11-25T09:00:00Z",
                        null,
                        null,
                        null,
                        null),
                    NOW));

    assertThat(e.violations())
        .extracting(Violation::field)
        .containsExactly("priority", "deferUntil", "expiresAt");
  }

  @Test
  void nulInBodyIsRefused() {
    InvalidSubmissionException e =
        catchThrowableOfType(
            InvalidSubmissionException.class,
            () ->
                validator.validate(
                    Submission.of(
                        "alice@example.org", List.of("b@example.org"), null, null, "s", "a\u0000b"),
                    NOW));

    assertThat(e.violations()).extracting(Violation::field).containsExactly("body");
  }

  @Test
  void reportRequestsApplyPerMessageAndPerRecipient() {
    var valid =
        validator.validate(
            new Submission(
                "LOCAL:alice",
                List.of("bob@example.org", "carol@example.org"),
                null,
                List.of("LOCAL:dave"),
                "s",
                "b",
                null,
                null,
                null,
                List.of("success", "FAILURE"),
                Map.of("carol@example.org", List.of("NEVER")),
                "env-1",
                "hdrs"),
            NOW);

    assertThat(valid.from()).hasToString("LOCAL:alice");
    assertThat(valid.envelopeId()).isEqualTo("env-1");
    assertThat(valid.ret()).isEqualTo(ReturnOfContent.HDRS);
    assertThat(valid.recipients())
        .extracting(r -> r.address() + " " + r.reports())
        .containsExactly(
            "SMTP:bob@example.org [DELIVERY, NON_DELIVERY]",
            "SMTP:carol@example.org []",
            "LOCAL:dave [DELIVERY, NON_DELIVERY]");
  }

  @Test
  void withoutARequestFailuresAndDelaysAreReported() {
    var valid =
        validator.validate(
            Submission.of("alice@example.org", List.of("bob@example.org"), null, null, "s", "b"),
            NOW);

    assertThat(valid.recipients().get(0).reports())
        .containsExactlyInAnyOrder(ReportKind.NON_DELIVERY, ReportKind.DELAY);
  }

  @Test
  void badReportRequestsAreNamed() {
    InvalidSubmissionException e =
        catchThrowableOfType(
            InvalidSubmissionException.class,
            () ->
                validator.validate(
                    new Submission(
                        "alice@example.org",
                        List.of("bob@example.org"),
                        null,
                        null,
                        "s",
                        "b",
                        null,
                        null,
                        null,
                        List.of("NEVER", "SUCCESS"),
                        Map.of("zed@example.org", List.of("SUCCESS")),
                        "has space",
                        "BODY"),
                    NOW));

    assertThat(e.violations())
        .extracting(v -> v.field() + ": " + v.reason())
        .contains("ret: must be FULL or HDRS, got 'BODY'");
    assertThat(e.violations())
        .extracting(Violation::field)
        .containsExactlyInAnyOrder(
            "notify", "recipientNotify[zed@example.org]", "envelopeId", "ret");
  }

  @Test
  void aSenderMustBeSmtpOrLocal() {
    InvalidSubmissionException e =
        catchThrowableOfType(
            InvalidSubmissionException.class,
            () ->
                validator.validate(
                    Submission.of("JMS:orders", List.of("bob@example.org"), null, null, "s", "b"),
                    NOW));

    assertThat(e.violations()).extracting(Violation::field).containsExactly("from");
  }

  @Test
  void controlCharactersInAnyHeaderValueAreRefused() {
    InvalidSubmissionException e =
        catchThrowableOfType(
            InvalidSubmissionException.class,
            () ->
                validator.validate(
                    new Submission(
                        "alice@example.org\r\nBcc: eve@example.org",
                        List.of("LOCAL:bob\u0001", "JMS:orders\tq"),
                        null,
                        null,
                        "hi\u001b[31m",
                        "",
                        null,
                        null,
                        null,
                        null,
                        null,
                        "env\r\nX: 1",
                        null),
                    NOW));

    assertThat(e.violations())
        .extracting(v -> v.field() + ": " + v.reason())
        .containsExactly(
            "from: address contains CR, LF, NUL or other control characters",
            "to[0]: address contains CR, LF, NUL or other control characters",
            "to[1]: address contains CR, LF, NUL or other control characters",
            "subject: must not contain CR, LF, NUL or other control characters",
            "envelopeId: must be 1 to 100 printable ASCII characters, no spaces");
  }

  @Test
  void tabInASubjectIsAllowed() {
    var valid =
        validator.validate(
            Submission.of("alice@example.org", List.of("bob@example.org"), null, null, "a\tb", ""),
            NOW);

    assertThat(valid.subject()).isEqualTo("a\tb");
  }

  @Test
  void unpairedSurrogatesAreRefusedBeforeAUtf8StoreWouldFailOnThem() {
    InvalidSubmissionException e =
        catchThrowableOfType(
            InvalidSubmissionException.class,
            () ->
                validator.validate(
                    Submission.of(
                        "alice@example.org",
                        List.of("LOCAL:bob\ud800"),
                        null,
                        null,
                        "x\udc00",
                        "body \ud83d"),
                    NOW));

    assertThat(e.violations())
        .extracting(v -> v.field() + ": " + v.reason())
        .containsExactly(
            "to[0]: is not valid Unicode (an unpaired surrogate)",
            "subject: is not valid Unicode (an unpaired surrogate)",
            "body: is not valid Unicode (an unpaired surrogate)");
  }

  @Test
  void bodyOverTheByteLimitIsTooLarge() {
    SubmissionValidator small = new SubmissionValidator(3, 10);

    var e =
        catchThrowableOfType(
            MessageTooLargeException.class,
            () ->
                small.validate(
                    Submission.of(
                        "alice@example.org",
                        List.of("bob@example.org"),
                        null,
                        null,
                        "s",
                        "\u00e9".repeat(6)),
                    NOW));

    assertThat(e.violations())
        .extracting(v -> v.field() + ": " + v.reason())
        .containsExactly("body: is 12 bytes, more than the limit of 10 bytes");
  }
}
