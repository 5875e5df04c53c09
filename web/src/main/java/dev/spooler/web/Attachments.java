package dev.spooler.web;

import dev.spooler.message.MessageContent;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** An attachment as a download: its bytes, its content type and its file name (RFC 6266). */
final class Attachments {

  private Attachments() {}

  static Response download(MessageContent.AttachmentData data, int index) {
    String filename = data.filename() == null ? "attachment-" + index : data.filename();
    return Response.ok(data.content(), data.contentType())
        .header(
            "Content-Disposition",
            "attachment; filename*=UTF-8''"
                + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20"))
        .build();
  }
}
