package dev.spooler.submit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

  @Test
  void ordinaryKeysAndNoKeyAreFine() {
    assertThat(IdempotencyKey.problem(null)).isEmpty();
    assertThat(IdempotencyKey.problem("order-4711/attempt")).isEmpty();
    assertThat(IdempotencyKey.problem("k".repeat(SubmissionOrigin.MAX_KEY_LENGTH))).isEmpty();
  }

  @Test
  void blankOrTooLongKeysAreRefused() {
    assertThat(IdempotencyKey.problem(" ")).hasValue("must have 1 to 200 characters");
    assertThat(IdempotencyKey.problem("k".repeat(SubmissionOrigin.MAX_KEY_LENGTH + 1)))
        .hasValue("must have 1 to 200 characters");
  }

  @Test
  void controlCharactersAndBrokenUnicodeAreRefused() {
    for (String key : new String[] {"a\r\nX-Injected: 1", "a\u0000", "a\u007f", "a\ud800"}) {
      assertThat(IdempotencyKey.problem(key))
          .as(key)
          .hasValue("must not contain CR, LF, NUL or other control characters");
    }
  }
}
