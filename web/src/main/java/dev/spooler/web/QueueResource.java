package dev.spooler.web;

import dev.spooler.management.OperatorAction.ActionRecord;
import dev.spooler.management.OperatorAction.Kind;
import dev.spooler.management.QueueActions;
import dev.spooler.management.QueueFilter;
import dev.spooler.management.QueueListing;
import dev.spooler.management.QueueState;
import dev.spooler.ops.QueueDepths;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Queue management for operators (issue 9 puts the role check here): what waits in which queue, and
 * the actions on one message, one dead letter, or everything a filter matches. Every action answers
 * with its record (what, to what, how many).
 */
@Path("/queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

  @EJB private QueueListing listing;
  @EJB private QueueActions actions;
  @EJB private QueueDepths depths;
  @Inject private StatusStreams streams;

  /** Server-Sent Events: a {@code status} event for every committed recipient status change. */
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
  @GET
  @Path("/{state}")
  public Response list(
      @PathParam("state") String state,
      @QueryParam("sender") String sender,
      @QueryParam("recipient") String recipient,
      @QueryParam("transport") String transport,
      @QueryParam("olderThan") String olderThan,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    return filter(state, sender, recipient, transport, olderThan)
        .map(
            f ->
                f.state() == QueueState.DEAD_LETTERED
                    ? Response.ok(listing.deadLetters(offset, limit)).build()
                    : Response.ok(listing.entries(f, offset, limit)).build())
        .orElseGet(() -> badFilter(state, olderThan));
  }

  /**
   * A bulk action on everything the filter matches, e.g. {@code POST
   * /api/queue/deferred/retry?transport=smtp}. Actions: hold, release, retry, delete (with {@code
   * ndr=true} the senders get non-delivery reports), requeue (dead letters only).
   */
  @POST
  @Path("/{state}/{action}")
  public Response bulk(
      @PathParam("state") String state,
      @PathParam("action") String action,
      @QueryParam("sender") String sender,
      @QueryParam("recipient") String recipient,
      @QueryParam("transport") String transport,
      @QueryParam("olderThan") String olderThan,
      @QueryParam("ndr") @DefaultValue("false") boolean ndr) {
    Optional<QueueFilter> filter = filter(state, sender, recipient, transport, olderThan);
    if (filter.isEmpty()) {
      return badFilter(state, olderThan);
    }
    Optional<Kind> kind = kind(action, ndr);
    boolean deadLetters = filter.get().state() == QueueState.DEAD_LETTERED;
    if (kind.isEmpty()
        || deadLetters && kind.get() != Kind.REQUEUE && kind.get() != Kind.DELETE
        || !deadLetters && kind.get() == Kind.REQUEUE) {
      return Problem.response(
          Response.Status.BAD_REQUEST,
          "No such action",
          "'" + action + "' cannot be done to " + state + " entries");
    }
    return Response.ok(actions.onFilter(kind.get(), filter.get())).build();
  }

  /** Holds every waiting recipient of a message: nothing is sent to them until released. */
  @POST
  @Path("/messages/{id}/hold")
  public Response hold(@PathParam("id") String id) {
    return onMessage(Kind.HOLD, id);
  }

  /** Releases a held message: its recipients are sent at once. */
  @POST
  @Path("/messages/{id}/release")
  public Response release(@PathParam("id") String id) {
    return onMessage(Kind.RELEASE, id);
  }

  /** Sends a queued or deferred message now, instead of at its next attempt. */
  @POST
  @Path("/messages/{id}/retry")
  public Response retry(@PathParam("id") String id) {
    return onMessage(Kind.RETRY, id);
  }

  /**
   * Removes a message's waiting recipients from the queue: silently, or with an NDR to the sender.
   */
  @DELETE
  @Path("/messages/{id}")
  public Response delete(
      @PathParam("id") String id, @QueryParam("ndr") @DefaultValue("false") boolean ndr) {
    return onMessage(ndr ? Kind.DELETE_WITH_NDR : Kind.DELETE, id);
  }

  /** Takes a stage message out of the dead-letter queue and sends what it stood for on again. */
  @POST
  @Path("/dead-letters/{id}/requeue")
  public Response requeue(@PathParam("id") String id) {
    return onDeadLetter(Kind.REQUEUE, id);
  }

  /** Drops a dead letter for good. */
  @DELETE
  @Path("/dead-letters/{id}")
  public Response dropDeadLetter(@PathParam("id") String id) {
    return onDeadLetter(Kind.DELETE, id);
  }

  /** The record of operators' actions, newest first. */
  @GET
  @Path("/actions")
  public Response actions(@QueryParam("limit") @DefaultValue("50") int limit) {
    return Response.ok(listing.actions(limit)).build();
  }

  /** Waiting recipients per state and messages per broker queue. */
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

  private static Optional<QueueFilter> filter(
      String state, String sender, String recipient, String transport, String olderThan) {
    Optional<QueueState> queue = state(state);
    if (queue.isEmpty()) {
      return Optional.empty();
    }
    try {
      Duration age = olderThan == null || olderThan.isBlank() ? null : Duration.parse(olderThan);
      return Optional.of(new QueueFilter(queue.get(), sender, recipient, transport, age));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return Optional.empty();
    }
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

  private static Response badFilter(String state, String olderThan) {
    return Problem.response(
        Response.Status.BAD_REQUEST,
        "Invalid queue filter",
        "state must be queued, deferred, held or dead-lettered (was '"
            + state
            + "'), olderThan an ISO-8601 duration such as PT1H (was '"
            + olderThan
            + "')");
  }

  private static Optional<UUID> parse(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
