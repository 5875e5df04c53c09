package dev.spooler.hook.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spooler.hook.HookPhase;
import dev.spooler.hook.HookedMessage;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AddressRewriteHookTest {

  private final AddressRewriteHook hook =
      new AddressRewriteHook(
          Optional.of("old@example.org=new@example.org, @legacy.example=@example.org"),
          Optional.of("example.org"));

  @Test
  void envelopeAndHeadersAreRewrittenAndTheSenderMasqueraded() throws Exception {
    MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()));
    mime.setFrom("Alice <alice@mail1.example.org>");
    mime.setRecipients(RecipientType.TO, "old@example.org, carol@legacy.example");
    mime.setSubject("s");
    mime.setText("b");
    HookedMessage message =
        HookedMessage.outbound(
            mime,
            "<id@example.org>",
            "SMTP:alice@mail1.example.org",
            List.of("SMTP:old@example.org", "SMTP:carol@legacy.example", "LOCAL:dave"));

    hook.process(HookPhase.PRE_PROCESS, message);

    assertThat(message.recipients())
        .containsExactly("SMTP:new@example.org", "SMTP:carol@example.org", "LOCAL:dave");
    assertThat(message.sender()).isEqualTo("SMTP:alice@example.org");
    MimeMessage written = message.view();
    assertThat(written.getFrom()[0].toString()).isEqualTo("Alice <alice@example.org>");
    assertThat(written.getHeader("To", ","))
        .contains("new@example.org")
        .contains("carol@example.org");
  }

  @Test
  void withoutMapOrMasqueradeItIsOff() {
    assertThat(new AddressRewriteHook(Optional.empty(), Optional.empty()).enabled()).isFalse();
    assertThat(hook.enabled()).isTrue();
  }
}
