package dev.spooler.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rule against double sends: only the dispatch a recipient waits for may send to it. */
class RecipientDispatchTokenTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private final Recipient bob = storedRecipient();

  /** A recipient as the store has it: with the id the database gave it. */
  private static Recipient storedRecipient() {
    Recipient recipient =
        new Message("SMTP:alice@example.org", "s", "b", "localhost", NOW)
            .addRecipient(Address.parse("SMTP:bob@example.org"), RecipientKind.TO);
    try {
      var id = Recipient.class.getDeclaredField("id");
      id.setAccessible(true);
      id.set(recipient, 7L);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    return recipient;
  }

  @Test
  void retryNowMakesTheWaitingDelayedDispatchStale() {
    bob.assignTo("smtp");
    bob.expectDispatch("first", NOW);
    bob.deferred("4.4.1", "relay down", NOW, NOW.plusSeconds(60));

    bob.retryNow("second", NOW.plusSeconds(1));

    assertThat(bob.awaits("first")).isFalse();
    assertThat(bob.awaits("second")).isTrue();
    assertThat(bob.nextAttemptAt()).isEqualTo(NOW.plusSeconds(1));
  }

  @Test
  void heldRecipientAwaitsNoDispatchUntilReleasedWithANewOne() {
    bob.assignTo("smtp");
    bob.expectDispatch("first", NOW);

    RecipientStatusChanged held = bob.hold(NOW);

    assertThat(held.status()).isEqualTo(RecipientStatus.HELD);
    assertThat(held.stage()).isEqualTo(Stage.OPERATOR);
    assertThat(bob.awaits("first")).isFalse();

    RecipientStatusChanged released = bob.release("second", NOW.plusSeconds(5));

    assertThat(released.status()).isEqualTo(RecipientStatus.PENDING);
    assertThat(bob.awaits("first")).isFalse();
    assertThat(bob.awaits("second")).isTrue();
  }

  @Test
  void recipientRemovedByTheOperatorFailsAndCannotBeHeldAgain() {
    RecipientStatusChanged removed = bob.removeByOperator(NOW);

    assertThat(removed.status()).isEqualTo(RecipientStatus.FAILED);
    assertThat(removed.statusCode()).isEqualTo("5.0.0");
    assertThat(bob.awaits(null)).isFalse();
    assertThatThrownBy(() -> bob.hold(NOW)).isInstanceOf(IllegalStateException.class);
  }
}
