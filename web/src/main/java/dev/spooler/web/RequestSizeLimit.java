package dev.spooler.web;

import dev.spooler.message.MessageLimits;
import dev.spooler.submit.SubmissionJson;
import dev.spooler.submit.Violation;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Every API request over the largest message gets {@code 413} problem+json, whether it says its
 * length ({@code Content-Length}: refused unread) or is sent chunked (read up to one byte over the
 * limit, then refused). Undertow's own {@code max-post-size} is set above this limit (spooler.cli):
 * when Undertow's limit is hit first it ends the request with a bare 400 or closes the connection.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class RequestSizeLimit extends HttpFilter {

  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject private MessageLimits limits;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long max = limits.maxMessageBytes();
    long length = request.getContentLengthLong();
    if (length > max) {
      tooLarge(response, max);
      return;
    }
    if (length >= 0 || request.getHeader("Transfer-Encoding") == null) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body =
        request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    if (body.length > max) {
      tooLarge(response, max);
      return;
    }
    chain.doFilter(new ReadBody(request, body), response);
  }

  private static void tooLarge(HttpServletResponse response, long max) throws IOException {
    String reason = "is larger than the limit of " + max + " bytes";
    Problem problem =
        new Problem(
            "about:blank",
            "Message too large",
            HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
            SubmissionJson.DOCUMENT + ": " + reason,
            List.of(new Violation(SubmissionJson.DOCUMENT, reason)));
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType(Problem.MEDIA_TYPE);
    // The rest of the body is not read: the connection cannot carry another request.
    response.setHeader("Connection", "close");
    response.getOutputStream().write(JSON.toJson(problem).getBytes(StandardCharsets.UTF_8));
  }

  /** A chunked request whose body was read (within the limit) before the application saw it. */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body was read already");
        }
      };
    }
  }
}
