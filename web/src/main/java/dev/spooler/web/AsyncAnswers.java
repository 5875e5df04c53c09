package dev.spooler.web;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Resumes a suspended request with the answer a stage completes with, or with the exception that
 * failed it (unwrapped, so that the exception mappers see the refusal itself), the same whether it
 * was thrown at once or later on another thread.
 */
final class AsyncAnswers {

  private AsyncAnswers() {}

  static void resume(AsyncResponse response, Supplier<CompletionStage<Response>> answer) {
    CompletionStage<Response> stage;
    try {
      stage = answer.get();
    } catch (RuntimeException e) {
      response.resume(e);
      return;
    }
    stage.whenComplete(
        (done, failure) -> {
          if (failure == null) {
            response.resume(done);
          } else {
            response.resume(
                failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure);
          }
        });
  }
}
