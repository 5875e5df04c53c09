package dev.spooler.it;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A minimal Server-Sent Events client: collects the events of one stream as they come. */
final class SseClient implements AutoCloseable {

  /** One event: its id, name and data. */
  record Event(String id, String name, String data) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse<Stream<String>>> response;
  private String id;
  private String name;
  private final StringBuilder data = new StringBuilder();

  /** A stream read as the test server's administrator. */
  SseClient(URI uri, String lastEventId) {
    this(uri, lastEventId, SpoolerClient.basic(SpoolerClient.ADMIN));
  }

  SseClient(URI uri, String lastEventId, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Accept", "text/event-stream")
            .header("Authorization", authorization)
            .GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    response =
        HttpClient.newHttpClient()
            .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
            .thenApply(
                r -> {
                  Thread reader = new Thread(() -> read(r.body()), "sse-" + uri);
                  reader.setDaemon(true);
                  reader.start();
                  return r;
                });
  }

  private void read(Stream<String> lines) {
    try {
      lines.forEach(this::line);
    } catch (UncheckedIOException endOfStream) {
      // close() ends the stream under the reader, or the server went away: no more events.
    }
  }

  /** Waits until the server answered the request; returns its status. */
  int status() throws Exception {
    return response.get(10, TimeUnit.SECONDS).statusCode();
  }

  /** The next event, or null if none came within {@code wait}. */
  Event next(Duration wait) throws InterruptedException {
    return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void line(String line) {
    if (line.isEmpty()) {
      if (data.length() > 0 || name != null) {
        events.add(new Event(id, name, data.toString()));
      }
      name = null;
      data.setLength(0);
    } else if (line.startsWith("id:")) {
      id = line.substring(3).strip();
    } else if (line.startsWith("event:")) {
      name = line.substring(6).strip();
    } else if (line.startsWith("data:")) {
      if (data.length() > 0) {
        data.append('\n');
      }
      data.append(line.substring(5).strip());
    }
  }

  @Override
  public void close() {
    response.thenAccept(r -> r.body().close());
    response.cancel(true);
  }
}
