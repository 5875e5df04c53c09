package dev.spooler.hook;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The hooks of this deployment in their order: by the {@code @Priority} of their bean class (lowest
 * first, 1000 when absent), then by name. Runs them for one phase until one rejects or defers.
 */
@ApplicationScoped
public class HookChain {

  /** A hook with its place in the chain. */
  public record Ranked(int priority, MessageHook hook) {}

  static final int DEFAULT_PRIORITY = 1000;

  @Inject @Any private Instance<MessageHook> beans;

  private List<Ranked> ranked = List.of();

  @PostConstruct
  void collect() {
    List<Ranked> found = new ArrayList<>();
    for (Instance.Handle<MessageHook> handle : beans.handles()) {
      Priority priority = handle.getBean().getBeanClass().getAnnotation(Priority.class);
      found.add(new Ranked(priority == null ? DEFAULT_PRIORITY : priority.value(), handle.get()));
    }
    ranked = order(found);
  }

  static List<Ranked> order(List<Ranked> hooks) {
    return hooks.stream()
        .sorted(Comparator.comparingInt(Ranked::priority).thenComparing(r -> r.hook().name()))
        .toList();
  }

  /** Every hook, in order, enabled or not. */
  public List<Ranked> all() {
    return ranked;
  }

  public boolean hasActive(HookPhase phase) {
    return ranked.stream().anyMatch(r -> runs(r.hook(), phase));
  }

  public HookOutcome run(HookPhase phase, HookedMessage message) {
    return run(ranked, phase, message);
  }

  static HookOutcome run(List<Ranked> chain, HookPhase phase, HookedMessage message) {
    for (Ranked r : chain) {
      MessageHook hook = r.hook();
      if (!runs(hook, phase)) {
        continue;
      }
      HookVerdict verdict;
      try {
        verdict = hook.process(phase, message);
      } catch (RuntimeException e) {
        throw new HookFailedException(hook.name(), e);
      }
      if (verdict.kind() != HookVerdict.Kind.CONTINUE) {
        return new HookOutcome(verdict, hook.name());
      }
    }
    return new HookOutcome(HookVerdict.proceed(), null);
  }

  private static boolean runs(MessageHook hook, HookPhase phase) {
    return hook.enabled() && hook.phases().contains(phase);
  }
}
