package dev.spooler.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spooler.message.Address;
import org.junit.jupiter.api.Test;

class SenderPatternTest {

  @Test
  void starCoversEverySender() {
    assertThat(SenderPattern.parse("*").matches(Address.parse("anyone@anywhere.example"))).isTrue();
    assertThat(SenderPattern.parse("*").matches(Address.parse("LOCAL:bob"))).isTrue();
  }

  @Test
  void domainWildcardCoversThatDomainsSmtpAddressesOnly() {
    SenderPattern domain = SenderPattern.parse("*@Example.org");
    assertThat(domain.matches(Address.parse("alice@example.ORG"))).isTrue();
    assertThat(domain.matches(Address.parse("alice@sub.example.org"))).isFalse();
    assertThat(domain.matches(Address.parse("alice@badexample.org"))).isFalse();
    assertThat(domain.matches(Address.parse("LOCAL:x@example.org"))).isFalse();
  }

  @Test
  void oneAddressCoversItselfTypedOrBare() {
    assertThat(
            SenderPattern.parse("alice@example.org")
                .matches(Address.parse("SMTP:Alice@example.org")))
        .isTrue();
    assertThat(SenderPattern.parse("LOCAL:alice").matches(Address.parse("LOCAL:alice"))).isTrue();
    assertThat(SenderPattern.parse("LOCAL:alice").matches(Address.parse("LOCAL:alicia"))).isFalse();
    assertThat(SenderPattern.parse("alice@example.org").matches(Address.parse("bob@example.org")))
        .isFalse();
  }

  @Test
  void malformedPatternsAreRefused() {
    for (String bad :
        new String[] {"", " ", "a*@example.org", "*@", "**", "a b@example.org", "x\r\ny"}) {
      assertThatThrownBy(() -> SenderPattern.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
