package dev.spooler.web;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One client's SSE connection: sends events, and closes itself (telling its owner) as soon as a
 * send fails or the client is found gone.
 */
final class SseChannel {

  private final SseEventSink sink;
  private final Sse sse;
  private final Consumer<SseChannel> onClose;

  SseChannel(SseEventSink sink, Sse sse, Consumer<SseChannel> onClose) {
    this.sink = sink;
    this.sse = sse;
    this.onClose = onClose;
  }

  OutboundSseEvent.Builder event() {
    return sse.newEventBuilder();
  }

  synchronized void send(OutboundSseEvent event) {
    if (sink.isClosed()) {
      close();
      return;
    }
    sink.send(event)
        .whenComplete(
            (done, failure) -> {
              if (failure != null) {
                close();
              }
            });
  }

  void ping() {
    send(sse.newEventBuilder().comment("keepalive").build());
  }

  void close() {
    onClose.accept(this);
    // RESTEasy's close waits, without a time limit, for the last write to complete: a client that
    // stopped reading would hold up the caller (an undeploy or server stop waited five minutes for
    // one). Closed on another thread instead; the caller goes on at once.
    CompletableFuture.runAsync(
        () -> {
          try {
            sink.close();
          } catch (RuntimeException e) {
            // the client is gone either way
          }
        });
  }
}
