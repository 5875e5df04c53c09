package dev.spooler.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalDomainsTest {

  private final LocalDomains local = new LocalDomains(Set.of("spool.example", "localhost"));

  @Test
  void anAddressInALocalDomainNamesAMailbox() {
    assertThat(local.isLocal("Alice@SPOOL.example")).isTrue();
    assertThat(local.mailbox("Alice@spool.example")).contains("alice");
    assertThat(local.mailbox("bob@localhost")).contains("bob");
  }

  @Test
  void otherDomainsAndUnusableLocalPartsNameNone() {
    assertThat(local.isLocal("alice@example.org")).isFalse();
    assertThat(local.mailbox("alice@example.org")).isEmpty();
    assertThat(local.mailbox("a b@spool.example")).isEmpty();
    assertThat(local.isLocal("no-domain")).isFalse();
  }
}
