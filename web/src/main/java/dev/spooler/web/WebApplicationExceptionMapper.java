package dev.spooler.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * What JAX-RS itself refuses (no such path 404, method 405, content type 415, not acceptable 406,
 * an unreadable parameter 400/404) answered as problem+json like everything else, instead of the
 * container's plain text. A response that already carries a body is kept as it is.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Context private HttpHeaders headers;
  @Context private Request request;

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    if (original.hasEntity()) {
      return original;
    }
    int status = original.getStatus();
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type == null ? "Error" : type.getReasonPhrase();
    Response.ResponseBuilder problem =
        Response.fromResponse(Problem.response(Problem.of(status, title, detail(status))));
    // Keep what the refusal says about the fix (Allow on a 405, WWW-Authenticate on a 401).
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(v -> problem.header(name, v));
              }
            });
    return problem.type(Problem.MEDIA_TYPE).build();
  }

  private String detail(int status) {
    return switch (status) {
      case 400 -> "the request cannot be read (a parameter or the body has the wrong form)";
      case 401 -> "authentication is required";
      case 403 -> "not allowed for this user";
      case 404 -> "no such resource";
      case 405 -> "method " + method() + " is not allowed here";
      case 406 -> "cannot answer in the accepted media type " + header(HttpHeaders.ACCEPT);
      case 415 ->
          "unsupported content type "
              + header(HttpHeaders.CONTENT_TYPE)
              + ": send "
              + MediaType.APPLICATION_JSON;
      default -> "the request was refused";
    };
  }

  private String method() {
    return request == null ? "" : request.getMethod();
  }

  private String header(String name) {
    String value = headers == null ? null : headers.getHeaderString(name);
    return value == null ? "(none)" : value;
  }
}
