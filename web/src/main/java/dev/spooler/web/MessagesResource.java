package dev.spooler.web;

import dev.spooler.message.MessageStatus;
import dev.spooler.message.MessageTracking;
import dev.spooler.submit.Accepted;
import dev.spooler.submit.SpoolerFacade;
import dev.spooler.submit.Submission;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
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
  @Context private UriInfo uri;

  /**
   * Accepts a message for delivery: 202 with its id once it is stored and queued. The body is read
   * here rather than by the JSON provider so that malformed JSON gets a problem answer with a
   * reason.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response submit(String json) {
    Submission submission;
    try {
      submission = JSON.fromJson(json, Submission.class);
    } catch (JsonbException e) {
      return Problem.response(
          Response.Status.BAD_REQUEST,
          "Malformed JSON",
          "the body is not a submission: " + rootMessage(e));
    }
    Accepted accepted = facade.submit(submission);
    return Response.accepted(accepted)
        .location(uri.getAbsolutePathBuilder().path(accepted.id().toString()).build())
        .build();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response status(@PathParam("id") String id) {
    Optional<MessageStatus> status = parse(id).flatMap(tracking::status);
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
    Optional<byte[]> mime = parse(id).flatMap(tracking::mime);
    return mime.map(bytes -> Response.ok(bytes, "message/rfc822").build())
        .orElseGet(
            () ->
                Problem.response(
                    Response.Status.NOT_FOUND,
                    "No MIME content",
                    "no message " + id + " with MIME content"));
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
