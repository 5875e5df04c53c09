package dev.spooler.web;

import dev.spooler.message.MessageOwner;
import dev.spooler.message.MessageStatus;
import dev.spooler.message.MessageTracking;
import dev.spooler.submit.SubmissionJson;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;

/** Submitting messages and reading their delivery state. */
@Path("/messages")
@RequestScoped
public class MessagesResource {

  @Inject private KeyedSubmissions submissions;
  @EJB private MessageTracking tracking;
  @Inject private Caller caller;

  /**
   * Accepts a message for delivery: 202 with its id once it is stored and queued. The body is read
   * here rather than by the JSON provider so that malformed JSON and wrong types get a problem
   * answer naming the field. With an {@code Idempotency-Key}, a repeat of an accepted submission
   * stores nothing and answers as the first time, marked {@code Idempotent-Replayed: true}.
   */
  @POST
  @CheckedSubmissionBody
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response submit(String json, @HeaderParam(KeyedSubmissions.HEADER) String key) {
    KeyedSubmissions.Answer answer =
        submissions.submit(caller.submitter(), SubmissionJson.read(json), key);
    Response.ResponseBuilder response =
        Response.accepted(answer.accepted())
            .location(caller.resource(answer.accepted().id().toString()));
    if (answer.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return response.build();
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
}
