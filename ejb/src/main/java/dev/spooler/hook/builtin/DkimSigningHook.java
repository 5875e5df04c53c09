package dev.spooler.hook.builtin;

import dev.spooler.hook.HookPhase;
import dev.spooler.hook.HookVerdict;
import dev.spooler.hook.HookedMessage;
import dev.spooler.hook.MessageHook;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs outgoing messages with DKIM (RFC 6376) using Apache James jDKIM: rsa-sha256,
 * relaxed/relaxed, over the configured headers. It runs last, on the exact bytes the transports
 * will send, and seals them. The private key (PKCS#8 PEM) is read from {@code key-file} when first
 * needed and again when the file changes, so a key can be rotated without a restart.
 */
@ApplicationScoped
@Priority(900)
public class DkimSigningHook implements MessageHook {

  @Inject
  @ConfigProperty(name = "spooler.hooks.dkim.enabled", defaultValue = "false")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "spooler.hooks.dkim.domain")
  Optional<String> domain;

  @Inject
  @ConfigProperty(name = "spooler.hooks.dkim.selector")
  Optional<String> selector;

  @Inject
  @ConfigProperty(name = "spooler.hooks.dkim.key-file")
  Optional<String> keyFile;

  @Inject
  @ConfigProperty(
      name = "spooler.hooks.dkim.headers",
      defaultValue = "from:to:cc:subject:date:message-id:mime-version:content-type")
  String headers;

  private volatile LoadedKey key;

  private record LoadedKey(Path path, long modified, PrivateKey key) {}

  @Override
  public String name() {
    return "dkim";
  }

  @Override
  public Set<HookPhase> phases() {
    return Set.of(HookPhase.PRE_PROCESS);
  }

  @Override
  public boolean enabled() {
    return enabled;
  }

  @Override
  public HookVerdict process(HookPhase phase, HookedMessage message) {
    if (message.recipients().stream().noneMatch(r -> r.startsWith("SMTP:"))) {
      return HookVerdict.proceed(); // DKIM is for mail leaving by SMTP
    }
    byte[] unsigned = message.bytes();
    String template =
        "v=1; a=rsa-sha256; q=dns/txt; c=relaxed/relaxed; d="
            + required(domain, "domain")
            + "; s="
            + required(selector, "selector")
            + "; h="
            + headers
            + "; bh=; b=;";
    String signature;
    try {
      signature = new DKIMSigner(template, privateKey()).sign(new ByteArrayInputStream(unsigned));
    } catch (IOException | FailException e) {
      throw new IllegalStateException("DKIM signing failed: " + e.getMessage(), e);
    }
    String field =
        signature.regionMatches(true, 0, "DKIM-Signature:", 0, 15)
            ? signature
            : "DKIM-Signature: " + signature;
    byte[] line = (field + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] signed = new byte[line.length + unsigned.length];
    System.arraycopy(line, 0, signed, 0, line.length);
    System.arraycopy(unsigned, 0, signed, line.length, unsigned.length);
    message.seal(signed);
    return HookVerdict.proceed();
  }

  private PrivateKey privateKey() {
    Path path = Path.of(required(keyFile, "key-file"));
    try {
      long modified = Files.getLastModifiedTime(path).toMillis();
      LoadedKey loaded = key;
      if (loaded == null || !loaded.path().equals(path) || loaded.modified() != modified) {
        loaded = new LoadedKey(path, modified, read(path));
        key = loaded;
      }
      return loaded.key();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the DKIM key " + path + ": " + e, e);
    }
  }

  static PrivateKey read(Path pem) throws IOException, GeneralSecurityException {
    String base64 =
        Files.readString(pem, StandardCharsets.US_ASCII)
            .replaceAll("-----[A-Z ]+-----", "")
            .replaceAll("\\s", "");
    return DKIMSigner.getPrivateKey(base64);
  }

  private static String required(Optional<String> value, String name) {
    return value
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> new IllegalStateException("spooler.hooks.dkim." + name + " is not set"));
  }

  @Override
  public Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("domain", domain.orElse(""));
    settings.put("selector", selector.orElse(""));
    settings.put("headers", headers);
    // the key's location is not secret; its content never leaves the file
    settings.put("key-file", keyFile.orElse(""));
    return settings;
  }
}
