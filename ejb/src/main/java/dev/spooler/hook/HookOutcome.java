package dev.spooler.hook;

/** The verdict of a hook chain run, and which hook gave it (null when every hook went on). */
public record HookOutcome(HookVerdict verdict, String hook) {

  public boolean proceeds() {
    return verdict.kind() == HookVerdict.Kind.CONTINUE;
  }
}
