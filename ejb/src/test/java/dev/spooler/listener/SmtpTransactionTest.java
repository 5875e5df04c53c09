package dev.spooler.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpTransactionTest {

  private static SmtpTransaction.EnvelopeRecipient rcpt(String address) {
    return new SmtpTransaction.EnvelopeRecipient(address, address, List.of(), null);
  }

  @Test
  void oneMailboxNamedTwiceIsStoredOnceWhateverTheDomainsCaseOrForm() {
    SmtpTransaction transaction = new SmtpTransaction();

    assertThat(transaction.add(rcpt("bob@example.net"))).isTrue();
    assertThat(transaction.add(rcpt("bob@EXAMPLE.net"))).isFalse();
    assertThat(transaction.add(rcpt("jürgen@bücher.example"))).isTrue();
    assertThat(transaction.add(rcpt("jürgen@xn--bcher-kva.example"))).isFalse();

    assertThat(transaction.recipients()).hasSize(2);
  }

  @Test
  void localPartsThatDifferInCaseAreTwoMailboxes() {
    // RFC 5321 leaves the local part's case to the receiving system; REST keeps both too.
    SmtpTransaction transaction = new SmtpTransaction();

    assertThat(transaction.add(rcpt("Bob@example.net"))).isTrue();
    assertThat(transaction.add(rcpt("bob@example.net"))).isTrue();
  }
}
