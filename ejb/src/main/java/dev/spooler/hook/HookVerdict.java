package dev.spooler.hook;

import java.time.Duration;

/** What a hook decided: go on, reject the message (with a reason), or try again later. */
public record HookVerdict(Kind kind, String reason, Duration delay) {

  public enum Kind {
    CONTINUE,
    REJECT,
    DEFER
  }

  private static final HookVerdict CONTINUE = new HookVerdict(Kind.CONTINUE, null, Duration.ZERO);

  public static HookVerdict proceed() {
    return CONTINUE;
  }

  public static HookVerdict reject(String reason) {
    return new HookVerdict(Kind.REJECT, reason, Duration.ZERO);
  }

  public static HookVerdict defer(String reason, Duration delay) {
    return new HookVerdict(Kind.DEFER, reason, delay);
  }
}
