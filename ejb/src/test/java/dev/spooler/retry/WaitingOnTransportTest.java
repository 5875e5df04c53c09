package dev.spooler.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spooler.message.Address;
import dev.spooler.message.Message;
import dev.spooler.message.Recipient;
import dev.spooler.message.RecipientKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaitingOnTransportTest {

  private final Instant now = Instant.parse("2026-11-25T10:00:00Z");
  private final Message message =
      new Message("SMTP:alice@example.org", "s", "b", "example.org", now.minusSeconds(60));

  @Test
  void aRecipientDeferredBecauseTheSystemWasUnreachableWaitsOnIt() {
    Recipient refused = routed();
    refused.deferred("4.4.1", "cannot talk to relay", now, now.plusSeconds(300));
    Recipient broken = routed();
    broken.deferred("4.4.2", "relay closed the connection", now, now.plusSeconds(300));
    Recipient waitedForAProbe = routed();
    waitedForAProbe.waitForTransport("smtp is unreachable; waiting", now, now.plusSeconds(30));

    assertThat(WaitingOnTransport.isWaitingOn(refused, "smtp", now)).isTrue();
    assertThat(WaitingOnTransport.isWaitingOn(broken, "smtp", now)).isTrue();
    assertThat(WaitingOnTransport.isWaitingOn(waitedForAProbe, "smtp", now)).isTrue();
  }

  @Test
  void aRecipientTheSystemItselfDeferredKeepsItsRetryTime() {
    Recipient greylisted = routed();
    greylisted.deferred("4.7.1", "smtp; 451 4.7.1 greylisted", now, now.plusSeconds(300));

    assertThat(WaitingOnTransport.isWaitingOn(greylisted, "smtp", now)).isFalse();
  }

  @Test
  void neitherAnotherTransportsNorOneAlreadyDueNorAPendingOne() {
    Recipient due = routed();
    due.deferred("4.4.1", "cannot talk to relay", now.minusSeconds(300), now);
    Recipient pending = routed();

    assertThat(WaitingOnTransport.isWaitingOn(due, "smtp", now)).isFalse();
    assertThat(WaitingOnTransport.isWaitingOn(pending, "smtp", now)).isFalse();
    Recipient elsewhere = routed();
    elsewhere.deferred("4.4.1", "cannot talk to relay", now, now.plusSeconds(300));
    assertThat(WaitingOnTransport.isWaitingOn(elsewhere, "jms", now)).isFalse();
  }

  private Recipient routed() {
    Recipient r = message.addRecipient(Address.parse("bob@example.org"), RecipientKind.TO);
    try {
      // The store gives ids; a status change names its recipient by it.
      var id = Recipient.class.getDeclaredField("id");
      id.setAccessible(true);
      id.set(r, (long) message.recipients().size());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    r.assignTo("smtp");
    return r;
  }
}
