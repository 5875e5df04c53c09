package dev.spooler.web;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body JSON-B cannot bind (malformed JSON, a field of the wrong type): 400. Resources
 * that take a typed body (e.g. mailbox PATCH) get it this way; the binder's own message is not
 * passed on, as it quotes class names.
 */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

  static final String TITLE = "Malformed JSON";
  static final String DETAIL =
      "the body is not valid JSON of the expected shape (check field types)";

  @Override
  public Response toResponse(JsonbException e) {
    return Problem.response(Problem.of(400, TITLE, DETAIL));
  }
}
