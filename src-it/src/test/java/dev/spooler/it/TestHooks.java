package dev.spooler.it;

import dev.spooler.hook.HookPhase;
import dev.spooler.hook.HookVerdict;
import dev.spooler.hook.HookedMessage;
import dev.spooler.hook.MessageHook;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pre-processing hooks that only {@link HooksIT}'s deployment has. Each acts only on messages whose
 * subject carries its tag, so the built-in hooks and other messages are untouched.
 */
final class TestHooks {

  private TestHooks() {}

  /** Adds {@code X-Hook-Order: first}. */
  @ApplicationScoped
  @Priority(10)
  public static class First extends Tagged {
    public First() {
      super("test-first", "[order]");
    }

    @Override
    HookVerdict act(HookedMessage message) throws MessagingException {
      message.mime().addHeader("X-Hook-Order", "first");
      return HookVerdict.proceed();
    }
  }

  /** Adds {@code X-Hook-Order: second}. */
  @ApplicationScoped
  @Priority(20)
  public static class Second extends Tagged {
    public Second() {
      super("test-second", "[order]");
    }

    @Override
    HookVerdict act(HookedMessage message) throws MessagingException {
      message.mime().addHeader("X-Hook-Order", "second");
      return HookVerdict.proceed();
    }
  }

  /** Rejects. */
  @ApplicationScoped
  @Priority(30)
  public static class Rejecting extends Tagged {
    public Rejecting() {
      super("test-reject", "[reject]");
    }

    @Override
    HookVerdict act(HookedMessage message) {
      return HookVerdict.reject("the subject asked for it");
    }
  }

  /** Throws, every time, and counts. */
  @ApplicationScoped
  @Priority(40)
  public static class Throwing extends Tagged {
    static final AtomicInteger CALLS = new AtomicInteger();

    public Throwing() {
      super("test-boom", "[boom]");
    }

    @Override
    HookVerdict act(HookedMessage message) {
      throw new IllegalStateException("boom #" + CALLS.incrementAndGet());
    }
  }

  /** Throws while filing an arriving message. */
  @ApplicationScoped
  @Priority(50)
  public static class ThrowingOnArrival extends Tagged {
    public ThrowingOnArrival() {
      super("test-arrival-boom", "[arrival-boom]");
    }

    @Override
    public Set<HookPhase> phases() {
      return Set.of(HookPhase.POST_PROCESS);
    }

    @Override
    HookVerdict act(HookedMessage message) {
      throw new IllegalStateException("cannot file this");
    }
  }

  abstract static class Tagged implements MessageHook {
    private final String name;
    private final String tag;

    Tagged(String name, String tag) {
      this.name = name;
      this.tag = tag;
    }

    abstract HookVerdict act(HookedMessage message) throws MessagingException;

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<HookPhase> phases() {
      return Set.of(HookPhase.PRE_PROCESS);
    }

    @Override
    public HookVerdict process(HookPhase phase, HookedMessage message) {
      try {
        String subject = message.view().getSubject();
        return subject != null && subject.contains(tag) ? act(message) : HookVerdict.proceed();
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
