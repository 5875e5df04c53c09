package dev.spooler.submit.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spooler.submit.Submission;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JmsHeaderOptionsTest {

  private static final Submission PLAIN =
      Submission.of("alice@example.org", List.of("bob@example.org"), null, null, "s", "b");

  @ParameterizedTest(name = "JMS priority {0} is {1}")
  @CsvSource({"0, non-urgent", "3, non-urgent", "4, normal", "5, urgent", "9, urgent"})
  void jmsPriorityGivesTheSpoolerPriority(int jmsPriority, String priority) {
    assertThat(JmsHeaderOptions.apply(PLAIN, jmsPriority, 0).priority()).isEqualTo(priority);
  }

  @Test
  void priorityInTheSubmissionWinsOverTheJmsPriority() {
    Submission urgent = withExpiry(PLAIN, null);
    urgent =
        new Submission(
            urgent.from(),
            urgent.to(),
            urgent.cc(),
            urgent.bcc(),
            urgent.subject(),
            urgent.body(),
            "non-urgent",
            null,
            null,
            null,
            null,
            null,
            "HDRS");

    assertThat(JmsHeaderOptions.apply(urgent, 9, 0).priority()).isEqualTo("non-urgent");
    assertThat(JmsHeaderOptions.apply(urgent, 9, 0).ret()).isEqualTo("HDRS");
  }

  @Test
  void jmsExpirationBecomesTheExpiryWhenNoneIsGiven() {
    Instant expiration = Instant.parse("2030-01-01T10:00:00Z");

    assertThat(JmsHeaderOptions.apply(PLAIN, 4, expiration.toEpochMilli()).expiresAt())
        .isEqualTo("2030-01-01T10:00:00Z");
    assertThat(JmsHeaderOptions.apply(PLAIN, 4, 0).expiresAt()).isNull();
  }

  @Test
  void theEarlierOfBothExpiriesWins() {
    long header = Instant.parse("2030-01-01T10:00:00Z").toEpochMilli();

    assertThat(
            JmsHeaderOptions.apply(withExpiry(PLAIN, "2030-01-01T09:00:00Z"), 4, header)
                .expiresAt())
        .isEqualTo("2030-01-01T09:00:00Z");
    assertThat(
            JmsHeaderOptions.apply(withExpiry(PLAIN, "2030-01-01T11:00:00Z"), 4, header)
                .expiresAt())
        .isEqualTo("2030-01-01T10:00:00Z");
  }

  @Test
  void malformedExpiryIsLeftAsGivenForTheValidatorToName() {
    long header = Instant.parse("2030-01-01T10:00:00Z").toEpochMilli();

    assertThat(JmsHeaderOptions.apply(withExpiry(PLAIN, "next tuesday"), 4, header).expiresAt())
        .isEqualTo("next tuesday");
  }

  @Test
  void jmsPriorityOutsideZeroToNineStillGivesAPriority() {
    assertThat(JmsHeaderOptions.priority(-1)).isEqualTo("non-urgent");
    assertThat(JmsHeaderOptions.priority(42)).isEqualTo("urgent");
  }

  private static Submission withExpiry(Submission s, String expiresAt) {
    return new Submission(
        s.from(),
        s.to(),
        s.cc(),
        s.bcc(),
        s.subject(),
        s.body(),
        s.priority(),
        s.deferUntil(),
        expiresAt,
        s.notifyOn(),
        s.recipientNotify(),
        s.envelopeId(),
        s.ret());
  }
}
