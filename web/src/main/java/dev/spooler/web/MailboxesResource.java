package dev.spooler.web;

import dev.spooler.mailbox.FolderPage;
import dev.spooler.mailbox.FolderView;
import dev.spooler.mailbox.MailboxService;
import dev.spooler.mailbox.ReadableMessage;
import dev.spooler.message.MessageContent;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A local user's mailbox: folders, messages, attachments, and a live stream of arrivals. */
@Tag(name = "mailboxes")
@Path("/mailboxes/{owner}")
@RequestScoped
@OwnerOnly
public class MailboxesResource {

  private static final Jsonb JSON = JsonbBuilder.create();

  /** What PATCH may change: the read flag and the folder. */
  public record MessageChange(Boolean read, String folder) {}

  /** A folder to create. */
  public record NewFolder(String name) {}

  @EJB private MailboxService mailboxes;
  @Inject private ArrivalStreams streams;

  @PathParam("owner")
  private String owner;

  @Operation(operationId = "listFolders", summary = "List a mailbox's folders")
  @APIResponse(
      responseCode = "200",
      description = "Folders with counts",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = FolderView.class)))
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @GET
  @Path("/folders")
  @Produces(MediaType.APPLICATION_JSON)
  public Response folders() {
    Optional<List<FolderView>> folders = mailboxes.folders(owner);
    return folders.map(f -> Response.ok(f).build()).orElseGet(this::noMailbox);
  }

  @Operation(operationId = "createFolder", summary = "Create a folder")
  @APIResponse(responseCode = "201", description = "Created")
  @APIResponse(responseCode = "400", ref = SpoolerApi.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NewFolder.class)))
  @POST
  @Path("/folders")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response createFolder(String json) {
    NewFolder folder;
    try {
      folder = JSON.fromJson(json, NewFolder.class);
    } catch (JsonbException e) {
      return malformed(e);
    }
    if (folder == null || !mailboxes.createFolder(owner, folder.name())) {
      return folder == null ? malformed(null) : noMailbox();
    }
    return Response.status(Response.Status.CREATED).build();
  }

  @Operation(operationId = "listFolderMessages", summary = "List one page of a folder")
  @APIResponse(
      responseCode = "200",
      description = "The page, newest first",
      content = @Content(schema = @Schema(implementation = FolderPage.class)))
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @GET
  @Path("/folders/{folder}/messages")
  @Produces(MediaType.APPLICATION_JSON)
  public Response folder(
      @PathParam("folder") String folder,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    Optional<FolderPage> page = mailboxes.page(owner, folder, offset, limit);
    return page.map(p -> Response.ok(p).build())
        .orElseGet(
            () ->
                Problem.response(
                    Response.Status.NOT_FOUND,
                    "No such folder",
                    "no folder '" + folder + "' in mailbox " + owner));
  }

  @Operation(operationId = "readMailboxMessage", summary = "Read a filed message")
  @APIResponse(
      responseCode = "200",
      description = "Headers, text, HTML and attachments",
      content = @Content(schema = @Schema(implementation = ReadableMessage.class)))
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @GET
  @Path("/messages/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response read(@PathParam("id") long id) {
    Optional<ReadableMessage> message = mailboxes.read(owner, id);
    return message.map(m -> Response.ok(m).build()).orElseGet(() -> noEntry(id));
  }

  @Operation(operationId = "downloadAttachment", summary = "Download an attachment")
  @APIResponse(
      responseCode = "200",
      description = "The attachment, with its own content type",
      content =
          @Content(
              mediaType = "application/octet-stream",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @GET
  @Path("/messages/{id}/attachments/{index}")
  public Response attachment(@PathParam("id") long id, @PathParam("index") int index) {
    Optional<MessageContent.AttachmentData> data = mailboxes.attachment(owner, id, index);
    return data.map(d -> Attachments.download(d, index))
        .orElseGet(
            () ->
                Problem.response(
                    Response.Status.NOT_FOUND,
                    "No such attachment",
                    "no attachment " + index + " of message " + id + " in mailbox " + owner));
  }

  /** Marks read/unread and/or moves: {@code {"read": true, "folder": "Archive"}}. */
  @Operation(operationId = "changeMailboxMessage", summary = "Mark read or unread, or move")
  @APIResponse(responseCode = "204", description = "Changed")
  @APIResponse(responseCode = "400", ref = SpoolerApi.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = MessageChange.class)))
  @PATCH
  @Path("/messages/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response change(@PathParam("id") long id, String json) {
    MessageChange change;
    try {
      change = JSON.fromJson(json, MessageChange.class);
    } catch (JsonbException e) {
      return malformed(e);
    }
    if (change == null) {
      return malformed(null);
    }
    return mailboxes.update(owner, id, change.read(), change.folder())
        ? Response.noContent().build()
        : noEntry(id);
  }

  /** Moves to Deleted Items; a message already there is deleted for good. */
  @Operation(operationId = "deleteMailboxMessage", summary = "Delete a filed message")
  @APIResponse(responseCode = "204", description = "Moved to Deleted Items, or deleted from there")
  @APIResponse(responseCode = "404", ref = SpoolerApi.NOT_FOUND)
  @DELETE
  @Path("/messages/{id}")
  public Response delete(@PathParam("id") long id) {
    return mailboxes.delete(owner, id) ? Response.noContent().build() : noEntry(id);
  }

  /**
   * Server-Sent Events: one {@code arrival} event per message filed in this mailbox, with the entry
   * id as event id. A client that reconnects with {@code Last-Event-ID} first gets what it missed.
   */
  @Operation(operationId = "mailboxEvents", summary = "Follow arrivals live (Server-Sent Events)")
  @APIResponse(
      responseCode = "200",
      description = "A text/event-stream of arrival events",
      content =
          @Content(
              mediaType = "text/event-stream",
              schema = @Schema(implementation = String.class)))
  @GET
  @Path("/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(
      @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
      @Context SseEventSink sink,
      @Context Sse sse) {
    streams.open(owner, lastEventId, sink, sse);
  }

  private Response noMailbox() {
    return Problem.response(Response.Status.NOT_FOUND, "No such mailbox", "no mailbox " + owner);
  }

  private Response noEntry(long id) {
    return Problem.response(
        Response.Status.NOT_FOUND, "No such message", "no message " + id + " in mailbox " + owner);
  }

  private static Response malformed(JsonbException e) {
    return Problem.response(
        Response.Status.BAD_REQUEST,
        "Malformed JSON",
        e == null ? "the body is empty" : "the body cannot be read: " + e.getMessage());
  }
}
