package dev.spooler.hook.builtin;

import dev.spooler.hook.HookPhase;
import dev.spooler.hook.HookVerdict;
import dev.spooler.hook.HookedMessage;
import dev.spooler.hook.MessageHook;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Address rewriting as MTAs do it (Postfix's canonical maps and masquerade_domains): a map of
 * {@code old@example.org=new@example.org} and {@code @old.example=@new.example} entries applied to
 * the envelope and the From/To/Cc headers, and masquerading of the sender's sub-domains ({@code
 * alice@host.example.org} → {@code alice@example.org}).
 */
@ApplicationScoped
@Priority(300)
public class AddressRewriteHook implements MessageHook {

  private static final String SMTP = "SMTP:";

  private final Map<String, String> map;
  private final Optional<String> masquerade;

  @Inject
  public AddressRewriteHook(
      @ConfigProperty(name = "spooler.hooks.rewrite.map") Optional<String> map,
      @ConfigProperty(name = "spooler.hooks.rewrite.masquerade") Optional<String> masquerade) {
    this.map = parse(map.orElse(""));
    this.masquerade =
        masquerade.map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty());
  }

  /** For CDI's proxy. */
  protected AddressRewriteHook() {
    this.map = Map.of();
    this.masquerade = Optional.empty();
  }

  static Map<String, String> parse(String entries) {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (String entry : entries.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] pair = entry.split("=", 2);
      if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
        throw new IllegalArgumentException(
            "spooler.hooks.rewrite.map entry '" + entry.strip() + "' is not old=new");
      }
      parsed.put(pair[0].strip().toLowerCase(Locale.ROOT), pair[1].strip());
    }
    return parsed;
  }

  @Override
  public String name() {
    return "rewrite";
  }

  @Override
  public Set<HookPhase> phases() {
    return Set.of(HookPhase.PRE_PROCESS);
  }

  @Override
  public boolean enabled() {
    return !map.isEmpty() || masquerade.isPresent();
  }

  @Override
  public HookVerdict process(HookPhase phase, HookedMessage message) {
    List<String> recipients = message.recipients();
    for (int i = 0; i < recipients.size(); i++) {
      String typed = recipients.get(i);
      if (typed.startsWith(SMTP)) {
        String rewritten = rewrite(typed.substring(SMTP.length()));
        if (!rewritten.equalsIgnoreCase(typed.substring(SMTP.length()))) {
          message.replaceRecipient(i, SMTP + rewritten);
        }
      }
    }
    if (message.sender().startsWith(SMTP)) {
      String sender = message.sender().substring(SMTP.length());
      String rewritten = masquerade(rewrite(sender));
      if (!rewritten.equalsIgnoreCase(sender)) {
        message.changeSender(SMTP + rewritten);
      }
    }
    rewriteHeaders(message);
    return HookVerdict.proceed();
  }

  /** The mapped address: an exact entry first, then one for its domain. */
  String rewrite(String mailbox) {
    String lower = mailbox.toLowerCase(Locale.ROOT);
    String exact = map.get(lower);
    if (exact != null) {
      return exact;
    }
    int at = lower.lastIndexOf('@');
    String domain = map.get(lower.substring(at));
    return domain == null ? mailbox : mailbox.substring(0, at) + domain;
  }

  String masquerade(String mailbox) {
    if (masquerade.isEmpty()) {
      return mailbox;
    }
    int at = mailbox.lastIndexOf('@');
    String domain = mailbox.substring(at + 1).toLowerCase(Locale.ROOT);
    return domain.endsWith("." + masquerade.get())
        ? mailbox.substring(0, at + 1) + masquerade.get()
        : mailbox;
  }

  private void rewriteHeaders(HookedMessage message) {
    try {
      MimeMessage mime = message.view();
      boolean change = false;
      InternetAddress[] from = (InternetAddress[]) mime.getFrom();
      change |= from != null && rewriteAll(from, true);
      InternetAddress[] to = (InternetAddress[]) mime.getRecipients(RecipientType.TO);
      change |= to != null && rewriteAll(to, false);
      InternetAddress[] cc = (InternetAddress[]) mime.getRecipients(RecipientType.CC);
      change |= cc != null && rewriteAll(cc, false);
      if (change) {
        MimeMessage editable = message.mime();
        if (from != null) {
          editable.setFrom(from[0]);
        }
        if (to != null) {
          editable.setRecipients(RecipientType.TO, to);
        }
        if (cc != null) {
          editable.setRecipients(RecipientType.CC, cc);
        }
      }
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot rewrite headers: " + e.getMessage(), e);
    }
  }

  private boolean rewriteAll(InternetAddress[] addresses, boolean sender) {
    boolean change = false;
    for (InternetAddress address : addresses) {
      String mailbox = address.getAddress();
      String rewritten = sender ? masquerade(rewrite(mailbox)) : rewrite(mailbox);
      if (!rewritten.equalsIgnoreCase(mailbox)) {
        address.setAddress(rewritten);
        change = true;
      }
    }
    return change;
  }

  @Override
  public Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    map.forEach((from, to) -> settings.put("map " + from, to));
    masquerade.ifPresent(d -> settings.put("masquerade", d));
    return settings;
  }
}
