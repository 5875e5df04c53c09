package dev.spooler.transport.local;

import dev.spooler.hook.HookFailedException;
import dev.spooler.inbound.Filing;
import dev.spooler.inbound.InboundFiling;
import dev.spooler.message.Address;
import dev.spooler.message.MailboxLocator;
import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.OutboundMessage;
import dev.spooler.transport.DeliveryOutcome;
import dev.spooler.transport.EnvelopeRecipient;
import dev.spooler.transport.TransportHealth;
import dev.spooler.transport.TransportProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Files messages for {@code LOCAL:name} recipients in the Inbox of mailbox {@code name}, through
 * the same post-processing path as fetched mail ({@link InboundFiling}). It writes only to this
 * server's database inside the caller's transaction, so a delivery and its recorded status commit
 * together: exactly once, even on redelivery.
 */
@ApplicationScoped
public class LocalTransport implements TransportProvider {

  public static final String NAME = "local";
  public static final String ADDRESS_TYPE = Address.LOCAL;

  @Inject private MessageRepository messages;
  @Inject private InboundFiling filing;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> addressTypes() {
    return Set.of(ADDRESS_TYPE);
  }

  @Override
  public boolean deliversInTransaction() {
    return true;
  }

  @Override
  public TransportHealth health() {
    return TransportHealth.up(null); // the store is this server's database: up when it is
  }

  @Override
  public Map<Long, DeliveryOutcome> send(
      OutboundMessage message, List<EnvelopeRecipient> recipients) {
    Message stored =
        messages
            .find(message.id())
            .orElseThrow(() -> new IllegalStateException("not in the store: " + message.id()));
    Map<Long, DeliveryOutcome> outcomes = new HashMap<>();
    for (EnvelopeRecipient recipient : recipients) {
      outcomes.put(recipient.id(), deliver(stored, recipient));
    }
    return outcomes;
  }

  private DeliveryOutcome deliver(Message message, EnvelopeRecipient recipient) {
    Optional<String> owner = MailboxLocator.ownerOf(recipient.address().value());
    if (owner.isEmpty()) {
      return DeliveryOutcome.permanentFailure(
          "5.1.3", "local; '" + recipient.address().value() + "' is not a valid mailbox name");
    }
    Filing filed;
    try {
      filed = filing.file(message, owner.get());
    } catch (HookFailedException e) {
      // Nothing was written yet: the recipient is deferred and retried with the transport's
      // backoff, in a stage even when this delivery ran in a client's submit transaction.
      return DeliveryOutcome.transientFailure("4.3.0", "local; " + e.getMessage());
    }
    return switch (filed.kind()) {
      case FILED, ALREADY_FILED ->
          DeliveryOutcome.delivered("2.0.0", "local; filed for " + owner.get());
      case NO_MAILBOX ->
          DeliveryOutcome.permanentFailure("5.1.1", "local; no mailbox " + owner.get());
      case REJECTED -> DeliveryOutcome.permanentFailure("5.7.1", "local; " + filed.reason());
      case DEFERRED -> DeliveryOutcome.transientFailure("4.7.0", "local; " + filed.reason());
    };
  }
}
