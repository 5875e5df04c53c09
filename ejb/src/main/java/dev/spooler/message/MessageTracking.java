package dev.spooler.message;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads a message's delivery state for clients. */
@Stateless
public class MessageTracking {

  @Inject private MessageRepository messages;
  @Inject private DeliveryReportRepository reports;

  /**
   * The message, its recipients and the reports about it, read in one transaction so that the view
   * is consistent.
   */
  public Optional<MessageStatus> status(UUID id) {
    return messages
        .find(id)
        .map(
            m -> {
              List<MessageStatus.Refusal> refusals = new ArrayList<>();
              messages.deadLetters(id).forEach(d -> refusals.add(MessageStatus.Refusal.of(d)));
              messages.rejections(id).forEach(r -> refusals.add(MessageStatus.Refusal.of(r)));
              return MessageStatus.of(
                  m,
                  reports.about(id),
                  m.isReport() ? reports.carriedBy(id) : Optional.empty(),
                  refusals);
            });
  }

  /** Who a message belongs to, for deciding who may read its status. */
  public Optional<MessageOwner> owner(UUID id) {
    return messages.find(id).map(m -> new MessageOwner(m.submittedBy(), m.sender()));
  }

  /** The message as MIME, as the transports send it, when it was made or received as MIME. */
  public Optional<byte[]> mime(UUID id) {
    return messages.find(id).map(Message::mimeContent);
  }
}
