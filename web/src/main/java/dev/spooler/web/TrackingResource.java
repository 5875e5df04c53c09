package dev.spooler.web;

import dev.spooler.message.MessageTracking;
import dev.spooler.message.RecipientStatus;
import dev.spooler.tracking.MessageTrail;
import dev.spooler.tracking.TrackingEvent;
import dev.spooler.tracking.TrackingQuery;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tracking log: every status change of every recipient, and operators' actions on them. */
@Tag(name = "tracking")
@Path("/tracking")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TrackingResource {

  @EJB private MessageTrail trail;
  @EJB private MessageTracking tracking;
  @Inject private Caller caller;

  /**
   * Entries by message id, Message-ID header, sender or recipient (at least one), oldest first:
   * {@code GET /api/tracking?messageId=...}.
   */
  @Operation(operationId = "findTracking", summary = "Find tracking entries")
  @APIResponse(
      responseCode = "200",
      description = "Matching entries, oldest first",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TrackingEvent.class)))
  @APIResponse(responseCode = "400", ref = SpoolerApi.BAD_REQUEST)
  @GET
  public Response find(
      @QueryParam("messageId") String messageId,
      @QueryParam("messageIdHeader") String messageIdHeader,
      @QueryParam("sender") String sender,
      @QueryParam("recipient") String recipient,
      @QueryParam("limit") @DefaultValue("200") int limit) {
    UUID id;
    try {
      id = messageId == null || messageId.isBlank() ? null : UUID.fromString(messageId.strip());
    } catch (IllegalArgumentException e) {
      return Problem.response(
          Response.Status.BAD_REQUEST, "Invalid message id", "not a message id: " + messageId);
    }
    TrackingQuery query = new TrackingQuery(id, messageIdHeader, sender, recipient);
    if (query.isEmpty()) {
      return Problem.response(
          Response.Status.BAD_REQUEST,
          "Nothing to look for",
          "give messageId, messageIdHeader, sender or recipient");
    }
    if (!caller.isOperator()) {
      requireOwnMessage(id);
    }
    return Response.ok(trail.find(query, limit)).build();
  }

  /** A sender sees the tracking of its own messages only, asked for by message id. */
  private void requireOwnMessage(UUID id) {
    if (id == null) {
      throw new AccessDeniedException(
          "a sender looks up the tracking of its own messages by messageId");
    }
    tracking
        .owner(id)
        .filter(owner -> !owner.isOwnedBy(caller.name()))
        .ifPresent(
            owner -> {
              throw new AccessDeniedException(
                  "message " + id + " is not one of user '" + caller.name() + "'");
            });
  }

  /** The newest changes to the given statuses (default DELIVERED,FAILED), newest first. */
  @Operation(operationId = "recentTracking", summary = "Read the newest status changes")
  @APIResponse(
      responseCode = "200",
      description = "Newest first",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TrackingEvent.class)))
  @APIResponse(responseCode = "400", ref = SpoolerApi.BAD_REQUEST)
  @GET
  @Path("/recent")
  public Response recent(
      @QueryParam("status") @DefaultValue("DELIVERED,FAILED") String statuses,
      @QueryParam("limit") @DefaultValue("20") int limit) {
    List<RecipientStatus> wanted;
    try {
      wanted =
          Arrays.stream(statuses.split(","))
              .map(s -> RecipientStatus.valueOf(s.strip().toUpperCase(Locale.ROOT)))
              .toList();
    } catch (IllegalArgumentException e) {
      return Problem.response(
          Response.Status.BAD_REQUEST, "Invalid status", "unknown status in " + statuses);
    }
    List<TrackingEvent> recent = trail.recent(wanted, limit);
    return Response.ok(recent).build();
  }
}
