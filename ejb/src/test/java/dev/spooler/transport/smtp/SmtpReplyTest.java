package dev.spooler.transport.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spooler.transport.DeliveryOutcome;
import dev.spooler.transport.DeliveryOutcome.Kind;
import org.junit.jupiter.api.Test;

class SmtpReplyTest {

  @Test
  void okReplyIsDelivered() {
    DeliveryOutcome outcome = SmtpReply.parse("250 2.0.0 Ok: queued as 4F2A").toOutcome();

    assertThat(outcome.kind()).isEqualTo(Kind.DELIVERED);
    assertThat(outcome.statusCode()).isEqualTo("2.0.0");
    assertThat(outcome.diagnostic()).isEqualTo("smtp; 250 2.0.0 Ok: queued as 4F2A");
  }

  @Test
  void unknownUserIsPermanentWithTheServersEnhancedCode() {
    DeliveryOutcome outcome =
        SmtpReply.of(550, "550 5.1.1 <bob@example.org>: Recipient address rejected").toOutcome();

    assertThat(outcome.kind()).isEqualTo(Kind.PERMANENT_FAILURE);
    assertThat(outcome.statusCode()).isEqualTo("5.1.1");
  }

  @Test
  void greylistingIsTransient() {
    DeliveryOutcome outcome =
        SmtpReply.of(451, "451 4.7.1 Greylisted, try again later").toOutcome();

    assertThat(outcome.kind()).isEqualTo(Kind.TRANSIENT_FAILURE);
    assertThat(outcome.statusCode()).isEqualTo("4.7.1");
  }

  @Test
  void replyWithoutEnhancedCodeGetsItsClassDefault() {
    assertThat(SmtpReply.of(552, "552 mailbox full").toOutcome().statusCode()).isEqualTo("5.0.0");
    assertThat(SmtpReply.of(421, "421 closing").toOutcome().statusCode()).isEqualTo("4.0.0");
    assertThat(SmtpReply.parse("250 OK").toOutcome().statusCode()).isEqualTo("2.0.0");
  }

  @Test
  void enhancedCodeOfAnotherClassIsIgnored() {
    assertThat(SmtpReply.of(550, "550 4.2.2 confused server").toOutcome().statusCode())
        .isEqualTo("5.0.0");
  }

  @Test
  void unreadableReplyIsTransient() {
    assertThat(SmtpReply.parse("connection reset").toOutcome().kind())
        .isEqualTo(Kind.TRANSIENT_FAILURE);
    assertThat(SmtpReply.parse(null).toOutcome().kind()).isEqualTo(Kind.TRANSIENT_FAILURE);
  }
}
