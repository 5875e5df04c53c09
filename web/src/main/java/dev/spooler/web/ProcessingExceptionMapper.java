package dev.spooler.web;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** RESTEasy wraps a body reader's failure (JSON-B's among them) in a ProcessingException: 400. */
@Provider
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

  @Override
  public Response toResponse(ProcessingException e) {
    return Problem.response(
        Problem.of(400, JsonbExceptionMapper.TITLE, JsonbExceptionMapper.DETAIL));
  }
}
