package dev.spooler.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HookChainTest {

  private final List<String> ran = new ArrayList<>();

  @Test
  void hooksRunByPriorityThenNameAndStopAtARejection() {
    List<HookChain.Ranked> chain =
        HookChain.order(
            List.of(
                new HookChain.Ranked(50, hook("c", HookVerdict.proceed())),
                new HookChain.Ranked(10, hook("b", HookVerdict.proceed())),
                new HookChain.Ranked(10, hook("a", HookVerdict.proceed())),
                new HookChain.Ranked(70, hook("reject", HookVerdict.reject("no"))),
                new HookChain.Ranked(90, hook("never", HookVerdict.proceed()))));

    HookOutcome outcome = HookChain.run(chain, HookPhase.PRE_PROCESS, message());

    assertThat(ran).containsExactly("a", "b", "c", "reject");
    assertThat(outcome.hook()).isEqualTo("reject");
    assertThat(outcome.verdict().reason()).isEqualTo("no");
  }

  @Test
  void aThrowingHookIsNamed() {
    MessageHook broken =
        new MessageHook() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public Set<HookPhase> phases() {
            return Set.of(HookPhase.PRE_PROCESS);
          }

          @Override
          public HookVerdict process(HookPhase phase, HookedMessage message) {
            throw new IllegalStateException("out of order");
          }
        };

    HookFailedException e =
        catchThrowableOfType(
            HookFailedException.class,
            () ->
                HookChain.run(
                    List.of(new HookChain.Ranked(1, broken)), HookPhase.PRE_PROCESS, message()));

    assertThat(e.hook()).isEqualTo("broken");
    assertThat(e).hasMessageContaining("out of order");
  }

  @Test
  void hooksOfTheOtherPhaseAndDisabledOnesDoNotRun() {
    MessageHook inboundOnly = hook("inbound", HookVerdict.reject("x"), HookPhase.POST_PROCESS);
    HookOutcome outcome =
        HookChain.run(
            List.of(new HookChain.Ranked(1, inboundOnly)), HookPhase.PRE_PROCESS, message());

    assertThat(outcome.proceeds()).isTrue();
    assertThat(ran).isEmpty();
  }

  private MessageHook hook(String name, HookVerdict verdict) {
    return hook(name, verdict, HookPhase.PRE_PROCESS);
  }

  private MessageHook hook(String name, HookVerdict verdict, HookPhase phase) {
    return new MessageHook() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Set<HookPhase> phases() {
        return Set.of(phase);
      }

      @Override
      public HookVerdict process(HookPhase p, HookedMessage message) {
        ran.add(name);
        return verdict;
      }
    };
  }

  private static HookedMessage message() {
    return HookedMessage.outbound(
        new MimeMessage(Session.getInstance(new Properties())),
        "<id@example.org>",
        "SMTP:alice@example.org",
        List.of("SMTP:bob@example.org"));
  }
}
