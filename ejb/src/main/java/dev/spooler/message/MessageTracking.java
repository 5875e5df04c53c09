package dev.spooler.message;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/** Reads a message's delivery state for clients. */
@Stateless
public class MessageTracking {

  @Inject private MessageRepository messages;

  /** The message and its recipients, read in one transaction so that the view is consistent. */
  public Optional<MessageStatus> status(UUID id) {
    return messages.find(id).map(MessageStatus::of);
  }
}
