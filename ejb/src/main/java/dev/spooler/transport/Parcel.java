package dev.spooler.transport;

import dev.spooler.message.OutboundMessage;
import java.util.List;

/** One message and the recipients it goes to, as a member of a batch handed to a provider. */
public record Parcel(OutboundMessage message, List<EnvelopeRecipient> recipients) {

  public Parcel {
    recipients = List.copyOf(recipients);
  }
}
