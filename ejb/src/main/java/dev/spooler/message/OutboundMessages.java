package dev.spooler.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Turns a stored message into what the providers send. A local user's e-mail address is its mailbox
 * name at {@code spooler.domain}.
 */
@ApplicationScoped
public class OutboundMessages {

  @Inject SpoolerDomain domain;

  public OutboundMessage of(Message message) {
    Address from = message.sender().isEmpty() ? null : Address.parse(message.sender());
    return new OutboundMessage(
        message.id(),
        message.messageIdHeader(),
        from,
        from == null ? "" : mailbox(from),
        headerRecipients(message, RecipientKind.TO),
        headerRecipients(message, RecipientKind.CC),
        message.subject(),
        message.body(),
        message.submittedAt(),
        message.mimeContent(),
        message.envelopeId(),
        message.ret());
  }

  /** The RFC 5322 mailbox of an address that has one (SMTP and LOCAL). */
  public String mailbox(Address address) {
    return Address.LOCAL.equals(address.type())
        ? address.value() + "@" + domain.name()
        : address.value();
  }

  private static List<Address> headerRecipients(Message message, RecipientKind kind) {
    return message.recipients().stream()
        .filter(r -> r.kind() == kind)
        .map(Recipient::address)
        .toList();
  }
}
