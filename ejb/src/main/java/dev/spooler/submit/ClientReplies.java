package dev.spooler.submit;

import dev.spooler.message.RecipientStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Answers the clients that asked for replies (JMSReplyTo): a TextMessage of JSON whose {@code type}
 * (also the string property {@link #REPLY_PROPERTY}) is {@code accepted}, {@code rejected} or
 * {@code status}, with the client's correlation id as JMSCorrelationID. The injected JMSContext
 * joins the caller's transaction, so a reply is sent exactly when the change it reports commits.
 */
@ApplicationScoped
public class ClientReplies {

  /** The string property naming the kind of reply, for selectors. */
  public static final String REPLY_PROPERTY = "spoolerReply";

  private static final Logger LOG = Logger.getLogger(ClientReplies.class.getName());
  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject private JMSContext jms;

  /** The message is stored and queued; {@code duplicate}: it was, by an earlier submission. */
  public void submissionWasAccepted(SubmissionOrigin origin, Accepted accepted, boolean duplicate) {
    send(
        origin,
        "accepted",
        new AcceptedReply(
            "accepted",
            accepted.id(),
            accepted.messageId(),
            accepted.recipients(),
            accepted.merged(),
            duplicate));
  }

  public void submissionWasRejected(
      SubmissionOrigin origin, String reason, List<Violation> violations) {
    send(origin, "rejected", new RejectedReply("rejected", reason, violations));
  }

  /** One recipient reached DELIVERED or FAILED. */
  public void recipientReachedFinalStatus(SubmissionOrigin origin, RecipientStatusChanged change) {
    send(
        origin,
        "status",
        new StatusReply(
            "status",
            change.messageId(),
            change.recipientId(),
            change.address(),
            change.status().name(),
            change.statusCode(),
            change.diagnostic(),
            change.transport(),
            change.attempts(),
            change.at()));
  }

  private void send(SubmissionOrigin origin, String type, Object reply) {
    if (!origin.wantsReplies()) {
      return;
    }
    Optional<Destination> destination = resolve(origin.replyTo());
    if (destination.isEmpty()) {
      return;
    }
    jms.createProducer()
        .setJMSCorrelationID(origin.correlationId())
        .setProperty(REPLY_PROPERTY, type)
        .send(destination.get(), JSON.toJson(reply));
  }

  // A temporary reply queue dies with the client's connection: a reply nobody can read is dropped,
  // never a reason to roll back the delivery it reports.
  private Optional<Destination> resolve(ReplyDestination replyTo) {
    try {
      return Optional.of(
          replyTo.kind() == ReplyDestination.Kind.TOPIC
              ? jms.createTopic(replyTo.name())
              : jms.createQueue(replyTo.name()));
    } catch (JMSRuntimeException e) {
      LOG.info(() -> "reply destination " + replyTo + " is gone; reply dropped: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The reply to an accepted submission. */
  public record AcceptedReply(
      String type,
      UUID id,
      String messageId,
      int recipients,
      List<MergedRecipient> merged,
      boolean duplicate) {}

  /** The reply to a refused or unreadable submission. */
  public record RejectedReply(String type, String reason, List<Violation> violations) {}

  /** A recipient's final status. */
  public record StatusReply(
      String type,
      UUID id,
      long recipientId,
      String address,
      String status,
      String statusCode,
      String diagnostic,
      String transport,
      int attempts,
      Instant at) {}
}
