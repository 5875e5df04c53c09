package dev.spooler.hook.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spooler.hook.HookPhase;
import dev.spooler.hook.HookedMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimSigningHookTest {

  @TempDir Path dir;

  @Test
  void aSignedMessageVerifiesAgainstThePublicKeyAndFailsOnceTheBodyIsAltered() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    Path pem = dir.resolve("dkim.pem");
    Files.writeString(
        pem,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    DkimSigningHook hook = new DkimSigningHook();
    hook.enabled = true;
    hook.domain = Optional.of("example.org");
    hook.selector = Optional.of("s1");
    hook.keyFile = Optional.of(pem.toString());
    hook.headers = "from:to:subject:date:message-id";

    MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()));
    mime.setFrom("alice@example.org");
    mime.setRecipients(jakarta.mail.Message.RecipientType.TO, "bob@example.net");
    mime.setSubject("Signed");
    mime.setText("The body that is signed.\n");
    HookedMessage message =
        HookedMessage.outbound(
            mime,
            "<signed@example.org>",
            "SMTP:alice@example.org",
            List.of("SMTP:bob@example.net"));

    hook.process(HookPhase.PRE_PROCESS, message);
    String signed = new String(message.bytes(), StandardCharsets.US_ASCII);

    assertThat(signed).startsWith("DKIM-Signature:");
    String record =
        "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> List.of(record));
    List<SignatureRecord> valid = verifier.verify(stream(signed));
    assertThat(valid)
        .singleElement()
        .satisfies(s -> assertThat(s.getDToken()).hasToString("example.org"));

    String altered = signed.replace("The body that is signed.", "The body that was changed.");
    assertThatThrownBy(() -> new DKIMVerifier((m, s, d) -> List.of(record)).verify(stream(altered)))
        .isInstanceOf(FailException.class);
  }

  private static ByteArrayInputStream stream(String message) {
    return new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII));
  }
}
