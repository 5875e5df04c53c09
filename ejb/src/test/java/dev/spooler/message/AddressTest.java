package dev.spooler.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

  @Test
  void bareMailboxIsSmtp() {
    assertThat(Address.parse("alice@example.org"))
        .isEqualTo(new Address("SMTP", "alice@example.org"));
  }

  @Test
  void typedAddressKeepsItsTypeInUpperCase() {
    assertThat(Address.parse("local:bob")).isEqualTo(new Address("LOCAL", "bob"));
    assertThat(Address.parse("JMS:orders.inbox")).isEqualTo(new Address("JMS", "orders.inbox"));
    assertThat(Address.parse("SMTP:carol@example.org").value()).isEqualTo("carol@example.org");
  }

  @Test
  void printsAsTypeColonValue() {
    assertThat(Address.parse("alice@example.org")).hasToString("SMTP:alice@example.org");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "bob@@example",
        "SMTP:not an address",
        "SMTP:",
        "Alice <alice@example.org>",
        "alice",
        "alice@example.org\r\nBcc: eve@example.org",
        "LOCAL:bob\u0000"
      })
  void malformedAddressesAreRefusedWithAReason(String text) {
    assertThatThrownBy(() -> Address.parse(text))
        .isInstanceOf(InvalidAddressException.class)
        .hasMessageNotContaining("null");
  }

  @Test
  void colonInsideTheLocalPartIsNotAType() {
    assertThat(Address.parse("\"a:b\"@example.org").type()).isEqualTo("SMTP");
  }
}
