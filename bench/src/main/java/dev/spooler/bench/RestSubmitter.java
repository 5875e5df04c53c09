package dev.spooler.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code POST /api/messages} with Basic credentials; accepted means {@code 202}. */
final class RestSubmitter implements Submitter {

  private final HttpClient http;
  private final BenchConfig config;
  private final Workload workload;
  private final String run;
  private final String body;

  RestSubmitter(HttpClient http, BenchConfig config, Workload workload, String run) {
    this.http = http;
    this.config = config;
    this.workload = workload;
    this.run = run;
    this.body = Workload.escapedBody(workload.bodyBytes());
  }

  @Override
  public void submit(int seq) throws Exception {
    check(http.send(request(seq), HttpResponse.BodyHandlers.ofString()), seq);
  }

  private HttpRequest request(int seq) {
    return HttpRequest.newBuilder(URI.create(config.baseUrl() + "/api/messages"))
        .header("Content-Type", "application/json")
        .header("Authorization", config.basicAuth())
        // long: in the offered-rate run, requests queue in the server when it is slower than the
        // rate
        .timeout(Duration.ofMinutes(5))
        .POST(HttpRequest.BodyPublishers.ofString(workload.json(run, seq, body)))
        .build();
  }

  private static void check(HttpResponse<String> response, int seq) {
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "message " + seq + " refused: " + response.statusCode() + " " + response.body());
    }
  }
}
