package dev.spooler.submit;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a client's idempotency key may be, the same over REST ({@code Idempotency-Key} header) and
 * JMS ({@code spoolerIdempotencyKey}): 1 to {@value SubmissionOrigin#MAX_KEY_LENGTH} characters,
 * not blank, no control characters (it is echoed in replies and logs).
 */
public final class IdempotencyKey {

  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");

  private IdempotencyKey() {}

  /** Why {@code key} cannot be used, or empty when it can (or when there is none). */
  public static Optional<String> problem(String key) {
    if (key == null) {
      return Optional.empty();
    }
    if (key.isBlank() || key.length() > SubmissionOrigin.MAX_KEY_LENGTH) {
      return Optional.of("must have 1 to " + SubmissionOrigin.MAX_KEY_LENGTH + " characters");
    }
    if (CONTROL.matcher(key).find() || !StandardCharsets.UTF_8.newEncoder().canEncode(key)) {
      return Optional.of("must not contain CR, LF, NUL or other control characters");
    }
    return Optional.empty();
  }
}
