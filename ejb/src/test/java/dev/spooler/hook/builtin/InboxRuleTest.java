package dev.spooler.hook.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InboxRuleTest {

  private final InboxRule invoices =
      new InboxRule(
          "invoices",
          Optional.of("rita"),
          Optional.of(Pattern.compile("billing@", Pattern.CASE_INSENSITIVE)),
          Optional.empty(),
          Optional.of(Pattern.compile("invoice", Pattern.CASE_INSENSITIVE)),
          Optional.of("X-Priority"),
          Optional.of(Pattern.compile("1")),
          Optional.of("Invoices"),
          true,
          List.of(),
          false);

  @Test
  void everyConditionMustMatch() {
    assertThat(invoices.matches(facts("rita", "SMTP:Billing@shop.example", "Your INVOICE 42", "1")))
        .isTrue();
    assertThat(invoices.matches(facts("ian", "SMTP:billing@shop.example", "Invoice", "1")))
        .isFalse();
    assertThat(invoices.matches(facts("rita", "SMTP:someone@shop.example", "Invoice", "1")))
        .isFalse();
    assertThat(invoices.matches(facts("rita", "SMTP:billing@shop.example", "Hello", "1")))
        .isFalse();
    assertThat(invoices.matches(facts("rita", "SMTP:billing@shop.example", "Invoice", "3")))
        .isFalse();
  }

  private static InboxRule.Facts facts(String mailbox, String from, String subject, String prio) {
    return new InboxRule.Facts(
        mailbox,
        from,
        List.of("rita@example.org"),
        subject,
        name -> name.equals("X-Priority") ? List.of(prio) : List.of());
  }
}
