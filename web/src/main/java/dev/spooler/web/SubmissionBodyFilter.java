package dev.spooler.web;

import dev.spooler.message.MessageLimits;
import dev.spooler.submit.SubmissionJson;
import dev.spooler.submit.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks a submission's raw body before JAX-RS decodes it: larger than the largest message → 413
 * unread; a charset other than UTF-8 → 415; bytes that are not UTF-8 → 400. Without this, the
 * String reader would replace bad bytes with U+FFFD and the message would be stored garbled.
 */
@Provider
@CheckedSubmissionBody
@ApplicationScoped
public class SubmissionBodyFilter implements ContainerRequestFilter {

  @Inject private MessageLimits limits;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    long max = limits.maxMessageBytes();
    if (request.getLength() > max) {
      request.abortWith(tooLarge(max));
      return;
    }
    MediaType type = request.getMediaType();
    String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    if (charset != null && !charset.strip().equalsIgnoreCase("utf-8")) {
      request.abortWith(
          Problem.response(
              Response.Status.UNSUPPORTED_MEDIA_TYPE,
              "Unsupported charset",
              "JSON is UTF-8 (RFC 8259): send charset=utf-8 or none, not " + charset));
      return;
    }
    byte[] body;
    try (InputStream in = request.getEntityStream()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    } catch (IOException e) {
      // Undertow's own max-post-size ends the stream with an exception when it is lower.
      request.abortWith(tooLarge(max));
      return;
    }
    if (body.length > max) {
      request.abortWith(tooLarge(max));
      return;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException e) {
      request.abortWith(
          Problem.response(
              new Problem(
                  "about:blank",
                  JsonbExceptionMapper.TITLE,
                  400,
                  SubmissionJson.DOCUMENT + ": is not valid UTF-8",
                  List.of(new Violation(SubmissionJson.DOCUMENT, "is not valid UTF-8")))));
      return;
    }
    request.setEntityStream(new ByteArrayInputStream(body));
  }

  private static Response tooLarge(long max) {
    return Problem.response(
        new Problem(
            "about:blank",
            "Message too large",
            413,
            SubmissionJson.DOCUMENT + ": is larger than the limit of " + max + " bytes",
            List.of(
                new Violation(
                    SubmissionJson.DOCUMENT, "is larger than the limit of " + max + " bytes"))));
  }
}
