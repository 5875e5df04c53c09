package dev.spooler.web;

import dev.spooler.submit.Violation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An RFC 9457 problem detail, the body of every error answer. */
public record Problem(
    String type, String title, int status, String detail, List<Violation> violations) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** A problem without field violations. */
  public static Problem of(int status, String title, String detail) {
    return new Problem("about:blank", title, status, detail, List.of());
  }

  public static Response response(Response.Status status, String title, String detail) {
    return response(new Problem("about:blank", title, status.getStatusCode(), detail, List.of()));
  }

  public static Response response(Problem problem) {
    return Response.status(problem.status())
        .type(MediaType.valueOf(MEDIA_TYPE))
        .entity(problem)
        .build();
  }
}
