package dev.spooler.web;

import dev.spooler.management.MessagePreview;
import dev.spooler.message.MessageOwner;
import dev.spooler.message.MessageStatus;
import dev.spooler.message.MessageTracking;
import dev.spooler.submit.AcceptSettings;
import dev.spooler.submit.Accepted;
import dev.spooler.submit.Submission;
import dev.spooler.submit.SubmissionJson;
import dev.spooler.submit.SubmissionOutcome;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Submitting messages and reading their delivery state. One instance (it holds no request state:
 * {@link Caller} is request-scoped behind its proxy): as a request-scoped bean, every submission
 * paid for creating the resource, injecting its EJB views and validating it.
 */
@Tag(name = "messages")
@Path("/messages")
@ApplicationScoped
public class MessagesResource {

  @Inject private KeyedSubmissions submissions;
  @EJB private MessageTracking tracking;
  @EJB private MessagePreview preview;
  @Inject private Caller caller;

  /**
   * Accepts a message for delivery: 202 with its id once the transaction that stores and queues it
   * committed (the request thread is not held while it waits: concurrent submissions share that
   * transaction). The body is read here rather than by the JSON provider so that malformed JSON and
   * wrong types get a problem answer naming the field. With an {@code Idempotency-Key}, a repeat of
   * an accepted submission stores nothing and answers as the first time, marked {@code
   * Idempotent-Replayed: true}. When accepting is behind: 503 with {@code Retry-After}.
   */
  @Operation(operationId = "submitMessage", summary = "Submit a message for delivery")
  @APIResponse(
      responseCode = "202",
      description = "Accepted: stored and queued; Location names the message",
      content = @Content(schema = @Schema(implementation = Accepted.class)))
  @APIResponse(responseCode = "400", ref = SpoolerApi.BAD_REQUEST)
  @APIResponse(responseCode = "503", ref = SpoolerApi.OVERLOADED)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Submission.class)))
  @POST
  @CheckedSubmissionBody
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public void submit(
      String json,
      @HeaderParam(KeyedSubmissions.HEADER) String key,
      @Suspended AsyncResponse response) {
    AsyncAnswers.resume(
        response,
        () -> {
          Submission submission = SubmissionJson.read(json);
          // Read on the request thread: the answer is built on the thread that committed.
          String messages = caller.resource("").toString();
          return submissions
              .submit(caller.submitter(), submission, key)
              .thenApply(
                  answer -> {
                    Response.ResponseBuilder accepted =
                        Response.accepted(answer.accepted())
                            .location(URI.create(messages + answer.accepted().id()));
                    if (answer.replayed()) {
                      accepted.header("Idempotent-Replayed", "true");
                    }
                    return accepted.build();
                  });
        });
  }

  /**
   * Accepts up to {@value AcceptSettings#MAX_BATCH_CALL} messages in one transaction: 200 with a
   * result per submission, in order, each the answer the single call would give (202 accepted, 200
   * replayed, 4xx refused with its problem). A refused entry never keeps the others from being
   * stored. The whole batch is refused only when its document is (400, 413 for too many entries,
   * 503 when accepting is behind).
   */
  @Operation(
      operationId = "submitMessages",
      summary = "Submit a batch of messages for delivery, in one transaction")
  @APIResponse(
      responseCode = "200",
      description =
          "A result per submission, in the batch's order; the accepted ones are stored and queued",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = BatchResult.class)))
  @APIResponse(responseCode = "400", ref = SpoolerApi.BAD_REQUEST)
  @APIResponse(responseCode = "503", ref = SpoolerApi.OVERLOADED)
  @RequestBody(
      required = true,
      description =
          "An array of submissions (the JSON of the single call), each with an optional"
              + " idempotencyKey",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(
                      type = SchemaType.ARRAY,
                      maxItems = AcceptSettings.MAX_BATCH_CALL,
                      implementation = Submission.class)))
  @POST
  @Path("/batch")
  @CheckedSubmissionBody
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public void submitBatch(String json, @Suspended AsyncResponse response) {
    AsyncAnswers.resume(
        response,
        () -> {
          List<SubmissionJson.BatchEntry> entries =
              SubmissionJson.readBatch(json, AcceptSettings.MAX_BATCH_CALL);
          String messages = caller.resource("").toString().replaceFirst("batch/$", "");
          List<CompletableFuture<SubmissionOutcome>> outcomes =
              submissions.submitAll(caller.submitter(), entries);
          return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
              .handle(
                  (all, failure) ->
                      Response.ok(
                              outcomes.stream()
                                  .map(
                                      o ->
                                          o.handle(
                                                  (outcome, e) ->
                                                      BatchResult.of(outcome, e, messages))
                                              .join())
                                  .toList())
                          .build());
        });
  }

  @Operation(operationId = "getMessage", summary = "Read a message's delivery state")
  @APIResponse(
      responseCode = "200",
      description = "The message and its recipients",
      content = @Content(schema = @Schema(implementation = MessageStatus.class)))
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
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

  /** The message as MIME (message/rfc822), as the transports send it. */
  @Operation(operationId = "getMessageMime", summary = "Download a message as MIME")
  @APIResponse(
      responseCode = "200",
      description = "The message as RFC 5322 MIME, as the transports send it",
      content =
          @Content(
              mediaType = "message/rfc822",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @GET
  @Path("/{id}/mime")
  @Produces("message/rfc822")
  public Response mime(@PathParam("id") String id) {
    Optional<byte[]> mime = readable(id).flatMap(preview::mime);
    return mime.map(
            bytes ->
                Response.ok(bytes, "message/rfc822")
                    .header("Content-Disposition", "attachment; filename=\"" + id + ".eml\"")
                    .build())
        .orElseGet(() -> noMessage(id));
  }

  /** Headers, text, HTML and the attachments' list, as the recipients get them. */
  @Operation(operationId = "getMessageContent", summary = "Read a message's content")
  @APIResponse(
      responseCode = "200",
      description = "Headers, text, HTML (as sent: show it sandboxed) and attachments",
      content = @Content(schema = @Schema(implementation = MessagePreview.Content.class)))
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @GET
  @Path("/{id}/content")
  @Produces(MediaType.APPLICATION_JSON)
  public Response content(@PathParam("id") String id) {
    return readable(id)
        .flatMap(preview::content)
        .map(c -> Response.ok(c).build())
        .orElseGet(() -> noMessage(id));
  }

  @Operation(operationId = "getMessageAttachment", summary = "Download an attachment of a message")
  @APIResponse(
      responseCode = "200",
      description = "The attachment, with its own content type",
      content =
          @Content(
              mediaType = "application/octet-stream",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @GET
  @Path("/{id}/attachments/{index}")
  public Response attachment(@PathParam("id") String id, @PathParam("index") int index) {
    return readable(id)
        .flatMap(uuid -> preview.attachment(uuid, index))
        .map(d -> Attachments.download(d, index))
        .orElseGet(() -> noMessage(id));
  }

  private static Response noMessage(String id) {
    return Problem.response(Response.Status.NOT_FOUND, "No such message", "no message " + id);
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
