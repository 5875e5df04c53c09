package dev.spooler.hook.builtin;

import dev.spooler.hook.HookPhase;
import dev.spooler.hook.HookVerdict;
import dev.spooler.hook.HookedMessage;
import dev.spooler.hook.MessageHook;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Inbound rules, configured server-side: {@code spooler.hooks.rules} names them, and {@code
 * spooler.hooks.rules.NAME.*} sets each: conditions {@code mailbox}, {@code from}, {@code to},
 * {@code subject} (regular expressions), {@code header} ({@code Name: regex}); actions {@code
 * move-to} (a folder, made if missing), {@code mark-read}, {@code forward-to} (addresses, as a new
 * submission from the mailbox's owner), {@code delete} (to Deleted Items). Every matching rule
 * applies, in the listed order.
 */
@ApplicationScoped
@Priority(500)
public class InboxRulesHook implements MessageHook {

  private static final String DELETED_ITEMS = "Deleted Items";

  private List<InboxRule> rules = List.of();

  @PostConstruct
  void load() {
    rules = read(ConfigProvider.getConfig());
  }

  static List<InboxRule> read(Config config) {
    List<InboxRule> rules = new ArrayList<>();
    for (String name :
        config.getOptionalValue("spooler.hooks.rules", String.class).orElse("").split(",")) {
      if (name.isBlank()) {
        continue;
      }
      String p = "spooler.hooks.rules." + name.strip() + ".";
      Optional<String> header = config.getOptionalValue(p + "header", String.class);
      if (header.isPresent() && !header.get().contains(":")) {
        throw new IllegalArgumentException(p + "header must be 'Name: regex'");
      }
      rules.add(
          new InboxRule(
              name.strip(),
              config.getOptionalValue(p + "mailbox", String.class),
              pattern(config, p + "from"),
              pattern(config, p + "to"),
              pattern(config, p + "subject"),
              header.map(h -> h.substring(0, h.indexOf(':')).strip()),
              header.map(h -> compile(h.substring(h.indexOf(':') + 1).strip())),
              config.getOptionalValue(p + "move-to", String.class),
              config.getOptionalValue(p + "mark-read", Boolean.class).orElse(false),
              config
                  .getOptionalValue(p + "forward-to", String.class)
                  .map(f -> Arrays.stream(f.split(",")).map(String::strip).toList())
                  .orElse(List.of()),
              config.getOptionalValue(p + "delete", Boolean.class).orElse(false)));
    }
    return rules;
  }

  private static Optional<Pattern> pattern(Config config, String key) {
    return config.getOptionalValue(key, String.class).map(InboxRulesHook::compile);
  }

  private static Pattern compile(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  @Override
  public String name() {
    return "rules";
  }

  @Override
  public Set<HookPhase> phases() {
    return Set.of(HookPhase.POST_PROCESS);
  }

  @Override
  public boolean enabled() {
    return !rules.isEmpty();
  }

  @Override
  public HookVerdict process(HookPhase phase, HookedMessage message) {
    InboxRule.Facts facts = facts(message);
    for (InboxRule rule : rules) {
      if (!rule.matches(facts)) {
        continue;
      }
      rule.moveTo().ifPresent(message::fileIn);
      if (rule.markRead()) {
        message.markAsRead();
      }
      rule.forwardTo().forEach(message::forwardTo);
      if (rule.delete()) {
        message.fileIn(DELETED_ITEMS);
      }
    }
    return HookVerdict.proceed();
  }

  private static InboxRule.Facts facts(HookedMessage message) {
    MimeMessage mime = message.view();
    try {
      String subject = mime.getSubject() == null ? "" : mime.getSubject();
      List<String> to = new ArrayList<>();
      for (RecipientType type : List.of(RecipientType.TO, RecipientType.CC)) {
        Address[] addresses = mime.getRecipients(type);
        if (addresses != null) {
          for (Address a : addresses) {
            to.add(a instanceof InternetAddress ia ? ia.getAddress() : a.toString());
          }
        }
      }
      String from = message.sender();
      if (from.isEmpty() && mime.getFrom() != null && mime.getFrom().length > 0) {
        from = mime.getFrom()[0].toString();
      }
      return new InboxRule.Facts(
          message.mailbox(),
          from,
          to,
          subject,
          name -> {
            try {
              String[] values = mime.getHeader(name);
              return values == null ? List.of() : List.of(values);
            } catch (MessagingException e) {
              return List.of();
            }
          });
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot read the message for rules: " + e.getMessage(), e);
    }
  }

  @Override
  public Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    for (InboxRule rule : rules) {
      settings.put(rule.name(), describe(rule));
    }
    return settings;
  }

  private static String describe(InboxRule r) {
    List<String> parts = new ArrayList<>();
    r.mailbox().ifPresent(m -> parts.add("mailbox=" + m));
    r.from().ifPresent(p -> parts.add("from~" + p));
    r.to().ifPresent(p -> parts.add("to~" + p));
    r.subject().ifPresent(p -> parts.add("subject~" + p));
    r.headerName()
        .ifPresent(h -> parts.add(h + "~" + r.headerValue().map(Pattern::toString).orElse("")));
    r.moveTo().ifPresent(f -> parts.add("→ " + f));
    if (r.markRead()) {
      parts.add("mark read");
    }
    if (!r.forwardTo().isEmpty()) {
      parts.add("forward " + String.join(",", r.forwardTo()));
    }
    if (r.delete()) {
      parts.add("delete");
    }
    return String.join("; ", parts);
  }
}
