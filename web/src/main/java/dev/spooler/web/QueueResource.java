package dev.spooler.web;

import dev.spooler.management.OperatorAction.ActionRecord;
import dev.spooler.management.OperatorAction.Kind;
import dev.spooler.management.QueueActions;
import dev.spooler.management.QueueFilter;
import dev.spooler.management.QueueListing;
import dev.spooler.management.QueuePage;
import dev.spooler.management.QueueState;
import dev.spooler.ops.QueueDepths;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Queue management for operators (issue 9 puts the role check here): what waits in which queue, and
 * the actions on one message, one dead letter, or everything a filter matches. Every action answers
 * with its record (what, to what, how many).
 */
@Tag(name = "queue")
@Path("/queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

  @EJB private QueueListing listing;
  @EJB private QueueActions actions;
  @EJB private QueueDepths depths;
  @Inject private StatusStreams streams;

  /** Server-Sent Events: a {@code status} event for every committed recipient status change. */
  @Operation(
      operationId = "queueEvents",
      summary = "Follow status changes live (Server-Sent Events)")
  @APIResponse(
      responseCode = "200",
      description = "A text/event-stream of status events",
      content =
          @Content(
              mediaType = "text/event-stream",
              schema = @Schema(implementation = String.class)))
  @GET
  @Path("/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(@Context SseEventSink sink, @Context Sse sse) {
    streams.open(sink, sse);
  }

  /**
   * Recipients waiting in a queue ({@code queued}, {@code deferred}, {@code held}) or the dead
   * letters.
   */
  @Operation(operationId = "listQueue", summary = "List what waits in a queue state")
  @APIResponse(
      responseCode = "200",
      description = "One page of entries (dead letters for dead-lettered)",
      content = @Content(schema = @Schema(implementation = QueuePage.class)))
  @APIResponse(responseCode = "400", ref = SpoolerApi.BAD_REQUEST)
  @GET
  @Path("/{state}")
  public Response list(
      @BeanParam QueueFilterParams query,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    return query
        .toFilter()
        .map(
            f ->
                f.state() == QueueState.DEAD_LETTERED
                    ? Response.ok(listing.deadLetters(offset, limit)).build()
                    : Response.ok(listing.entries(f, offset, limit)).build())
        .orElseGet(() -> badFilter(query));
  }

  /**
   * A bulk action on everything the filter matches, e.g. {@code POST
   * /api/queue/deferred/retry?transport=smtp}. Actions: hold, release, retry, delete (with {@code
   * ndr=true} the senders get non-delivery reports), requeue (dead letters only).
   */
  @Operation(operationId = "actOnQueue", summary = "Act on everything a filter matches")
  @APIResponse(
      responseCode = "200",
      description = "What was done, to how many",
      content = @Content(schema = @Schema(implementation = ActionRecord.class)))
  @APIResponse(responseCode = "400", ref = SpoolerApi.BAD_REQUEST)
  @POST
  @Path("/{state}/{action}")
  public Response bulk(
      @BeanParam QueueFilterParams query,
      @PathParam("action") String action,
      @QueryParam("ndr") @DefaultValue("false") boolean ndr) {
    Optional<QueueFilter> filter = query.toFilter();
    if (filter.isEmpty()) {
      return badFilter(query);
    }
    Optional<Kind> kind = kind(action, ndr);
    boolean deadLetters = filter.get().state() == QueueState.DEAD_LETTERED;
    if (kind.isEmpty()
        || deadLetters && kind.get() != Kind.REQUEUE && kind.get() != Kind.DELETE
        || !deadLetters && kind.get() == Kind.REQUEUE) {
      return Problem.response(
          Response.Status.BAD_REQUEST,
          "No such action",
          "'" + action + "' cannot be done to " + query.state + " entries");
    }
    return Response.ok(actions.onFilter(kind.get(), filter.get())).build();
  }

  /** Holds every waiting recipient of a message: nothing is sent to them until released. */
  @Operation(operationId = "holdMessage", summary = "Hold a message")
  @APIResponse(
      responseCode = "200",
      description = "What was done",
      content = @Content(schema = @Schema(implementation = ActionRecord.class)))
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @POST
  @Path("/messages/{id}/hold")
  public Response hold(@PathParam("id") String id) {
    return onMessage(Kind.HOLD, id);
  }

  /** Releases a held message: its recipients are sent at once. */
  @Operation(operationId = "releaseMessage", summary = "Release a held message")
  @APIResponse(
      responseCode = "200",
      description = "What was done",
      content = @Content(schema = @Schema(implementation = ActionRecord.class)))
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @POST
  @Path("/messages/{id}/release")
  public Response release(@PathParam("id") String id) {
    return onMessage(Kind.RELEASE, id);
  }

  /** Sends a queued or deferred message now, instead of at its next attempt. */
  @Operation(operationId = "retryMessage", summary = "Send a waiting message now")
  @APIResponse(
      responseCode = "200",
      description = "What was done",
      content = @Content(schema = @Schema(implementation = ActionRecord.class)))
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @POST
  @Path("/messages/{id}/retry")
  public Response retry(@PathParam("id") String id) {
    return onMessage(Kind.RETRY, id);
  }

  /**
   * Removes a message's waiting recipients from the queue: silently, or with an NDR to the sender.
   */
  @Operation(operationId = "deleteQueuedMessage", summary = "Remove a message from the queue")
  @APIResponse(
      responseCode = "200",
      description = "What was done",
      content = @Content(schema = @Schema(implementation = ActionRecord.class)))
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @DELETE
  @Path("/messages/{id}")
  public Response delete(
      @PathParam("id") String id, @QueryParam("ndr") @DefaultValue("false") boolean ndr) {
    return onMessage(ndr ? Kind.DELETE_WITH_NDR : Kind.DELETE, id);
  }

  /** Takes a stage message out of the dead-letter queue and sends what it stood for on again. */
  @Operation(operationId = "requeueDeadLetter", summary = "Requeue a dead letter")
  @APIResponse(
      responseCode = "200",
      description = "What was done",
      content = @Content(schema = @Schema(implementation = ActionRecord.class)))
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @POST
  @Path("/dead-letters/{id}/requeue")
  public Response requeue(@PathParam("id") String id) {
    return onDeadLetter(Kind.REQUEUE, id);
  }

  /** Drops a dead letter for good. */
  @Operation(operationId = "dropDeadLetter", summary = "Drop a dead letter")
  @APIResponse(
      responseCode = "200",
      description = "What was done",
      content = @Content(schema = @Schema(implementation = ActionRecord.class)))
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @DELETE
  @Path("/dead-letters/{id}")
  public Response dropDeadLetter(@PathParam("id") String id) {
    return onDeadLetter(Kind.DELETE, id);
  }

  /** The record of operators' actions, newest first. */
  @Operation(operationId = "listOperatorActions", summary = "List operators' actions, newest first")
  @APIResponse(
      responseCode = "200",
      description = "The action records",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ActionRecord.class)))
  @GET
  @Path("/actions")
  public Response actions(@QueryParam("limit") @DefaultValue("50") int limit) {
    return Response.ok(listing.actions(limit)).build();
  }

  /** Waiting recipients per state and messages per broker queue. */
  @Operation(operationId = "queueDepths", summary = "Read the queue depths")
  @APIResponse(
      responseCode = "200",
      description = "Waiting recipients per state, messages per broker queue",
      content = @Content(schema = @Schema(implementation = QueueDepths.Depths.class)))
  @GET
  @Path("/depths")
  public QueueDepths.Depths depths() {
    return depths.depths();
  }

  private Response onMessage(Kind kind, String id) {
    Optional<ActionRecord> done = parse(id).flatMap(uuid -> actions.onMessage(kind, uuid));
    return done.map(a -> Response.ok(a).build())
        .orElseGet(
            () ->
                Problem.response(Response.Status.NOT_FOUND, "No such message", "no message " + id));
  }

  private Response onDeadLetter(Kind kind, String id) {
    return actions
        .onDeadLetter(kind, id)
        .map(a -> Response.ok(a).build())
        .orElseGet(
            () ->
                Problem.response(
                    Response.Status.NOT_FOUND,
                    "No such dead letter",
                    "no message " + id + " in spooler.dead"));
  }

  static Optional<QueueState> state(String state) {
    try {
      return Optional.of(QueueState.valueOf(state.toUpperCase(Locale.ROOT).replace('-', '_')));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<Kind> kind(String action, boolean ndr) {
    return switch (action) {
      case "hold" -> Optional.of(Kind.HOLD);
      case "release" -> Optional.of(Kind.RELEASE);
      case "retry" -> Optional.of(Kind.RETRY);
      case "delete" -> Optional.of(ndr ? Kind.DELETE_WITH_NDR : Kind.DELETE);
      case "requeue" -> Optional.of(Kind.REQUEUE);
      default -> Optional.empty();
    };
  }

  private static Response badFilter(QueueFilterParams query) {
    return Problem.response(Response.Status.BAD_REQUEST, "Invalid queue filter", query.problem());
  }

  private static Optional<UUID> parse(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
