package dev.spooler.routing;

import dev.spooler.hook.HookChain;
import dev.spooler.hook.HookOutcome;
import dev.spooler.hook.HookPhase;
import dev.spooler.hook.HookVerdict;
import dev.spooler.hook.HookedMessage;
import dev.spooler.message.Address;
import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.MimeRenderer;
import dev.spooler.message.OutboundMessages;
import dev.spooler.message.Recipient;
import dev.spooler.message.RecipientKind;
import dev.spooler.message.RecipientStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.Clock;
import java.util.List;
import java.util.Properties;

/**
 * Runs the pre-processing hooks on a message once, before routing: they see it as MIME with its
 * envelope, and what they leave (headers, body, sender, recipients) is stored, so the transports
 * send exactly that.
 */
@ApplicationScoped
public class Preprocessor {

  private static final Session SESSION = Session.getInstance(new Properties());

  @Inject private HookChain hooks;
  @Inject private OutboundMessages outbound;
  @Inject private MessageRepository messages;
  @Inject private Clock clock;

  public boolean hasHooks() {
    return hooks.hasActive(HookPhase.PRE_PROCESS);
  }

  public HookOutcome preprocess(Message message) {
    if (message.isPreprocessed() || !hasHooks()) {
      return new HookOutcome(HookVerdict.proceed(), null);
    }
    List<Recipient> pending =
        message.recipients().stream()
            .filter(r -> r.status() == RecipientStatus.PENDING && r.transport() == null)
            .toList();
    HookedMessage hooked;
    try {
      hooked =
          HookedMessage.outbound(
              new MimeRenderer(SESSION).render(outbound.of(message)),
              message.messageIdHeader(),
              message.sender(),
              pending.stream().map(r -> r.address().toString()).toList());
    } catch (MessagingException e) {
      throw new IllegalStateException("message " + message.id() + " cannot be rendered", e);
    }
    HookOutcome outcome = hooks.run(HookPhase.PRE_PROCESS, hooked);
    if (!outcome.proceeds()) {
      return outcome;
    }
    if (!hooked.sender().equals(message.sender())) {
      message.changeSender(hooked.sender());
    }
    List<String> addresses = hooked.recipients();
    for (int i = 0; i < addresses.size(); i++) {
      Address address = Address.parse(addresses.get(i));
      if (i < pending.size()) {
        if (!address.equals(pending.get(i).address())) {
          pending.get(i).rewriteTo(address);
        }
      } else {
        messages.store(message.addRecipient(address, RecipientKind.BCC));
      }
    }
    message.preprocessed(hooked.changed() ? hooked.bytes() : null, clock.instant());
    return outcome;
  }
}
