package dev.spooler.hook.builtin;

import dev.spooler.hook.HookPhase;
import dev.spooler.hook.HookVerdict;
import dev.spooler.hook.HookedMessage;
import dev.spooler.hook.MessageHook;
import dev.spooler.message.SpoolerDomain;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stamps what every message on its way should carry (RFC 5322 3.6, RFC 5321 4.4): a Date and a
 * Message-ID when missing, and a Received trace line naming this spooler.
 */
@ApplicationScoped
@Priority(100)
public class TraceHeadersHook implements MessageHook {

  @Inject
  @ConfigProperty(name = "spooler.hooks.trace.enabled", defaultValue = "true")
  boolean enabled;

  @Inject SpoolerDomain domain;

  @Inject Clock clock;

  @Override
  public String name() {
    return "trace";
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
    Date now = Date.from(clock.instant());
    try {
      MimeMessage mime = message.mime();
      if (mime.getHeader("Date") == null) {
        mime.setSentDate(now);
      }
      if (mime.getHeader("Message-ID") == null) {
        mime.setHeader("Message-ID", message.messageIdHeader());
      }
      String id = message.messageIdHeader().replaceAll("[<>]", "");
      // addHeader puts Received on top, where trace lines belong (RFC 5321 4.4)
      mime.addHeader(
          "Received",
          "by " + domain.name() + " (Spooler) id " + id + "; " + new MailDateFormat().format(now));
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot stamp trace headers: " + e.getMessage(), e);
    }
    return HookVerdict.proceed();
  }

  @Override
  public Map<String, String> settings() {
    return Map.of("domain", domain.name());
  }
}
