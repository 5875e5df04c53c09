package dev.spooler.web;

import dev.spooler.message.MessageOwner;
import dev.spooler.message.MessageStatus;
import dev.spooler.message.MessageTracking;
import dev.spooler.submit.Accepted;
import dev.spooler.submit.SpoolerFacade;
import dev.spooler.submit.Submission;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.UUID;

/** Submitting messages and reading their delivery state. */
@Path("/messages")
@RequestScoped
public class MessagesResource {

  private static final Jsonb JSON = JsonbBuilder.create();

  @EJB private SpoolerFacade facade;
  @EJB private MessageTracking tracking;
  @Inject private Caller caller;

  /**
   * Accepts a message for delivery: 202 with its id once it is stored and queued. The body is read
   * here rather than by the JSON provider so that malformed JSON gets a problem answer with a
   * reason.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  // UriInfo as a parameter, not a field: the field's thread-bound proxy was seen failing
  // (RESTEASY003880) on a worker thread an SSE stream had used before.
  public Response submit(String json, @Context UriInfo uri) {
    Submission submission;
    try {
      submission = JSON.fromJson(json, Submission.class);
    } catch (JsonbException e) {
      return Problem.response(
          Response.Status.BAD_REQUEST,
          "Malformed JSON",
          "the body is not a submission: " + rootMessage(e));
    }
    Accepted accepted = facade.submitAs(caller.submitter(), submission);
    return Response.accepted(accepted)
        .location(uri.getAbsolutePathBuilder().path(accepted.id().toString()).build())
        .build();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response status(@PathParam("id") String id) {
    Optional<UUID> known = readable(id);
    Optional<MessageStatus> status = known.flatMap(tracking::status);
    return status
        .map(s -> Response.ok(s).build())
        .orElseGet(
            () ->
                Problem.response(Response.Status.NOT_FOUND, "No such message", "no message " + id));
  }

  /** The message as MIME (message/rfc822), for messages made or received as MIME: reports. */
  @GET
  @Path("/{id}/mime")
  @Produces("message/rfc822")
  public Response mime(@PathParam("id") String id) {
    Optional<byte[]> mime = readable(id).flatMap(tracking::mime);
    return mime.map(bytes -> Response.ok(bytes, "message/rfc822").build())
        .orElseGet(
            () ->
                Problem.response(
                    Response.Status.NOT_FOUND,
                    "No MIME content",
                    "no message " + id + " with MIME content"));
  }

  /** The id, if it names a message the caller may read (its own, or any for operators). */
  private Optional<UUID> readable(String id) {
    Optional<UUID> parsed = parse(id);
    if (parsed.isEmpty() || caller.isOperator()) {
      return parsed;
    }
    Optional<MessageOwner> owner = tracking.owner(parsed.get());
    if (owner.isPresent() && !owner.get().isOwnedBy(caller.name())) {
      throw new AccessDeniedException(
          "message " + id + " is not one of user '" + caller.name() + "'");
    }
    return parsed;
  }

  private static Optional<UUID> parse(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
