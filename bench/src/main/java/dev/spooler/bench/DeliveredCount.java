package dev.spooler.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The SMTP transport's counters as the store records them ({@code GET /api/transports}: counted
 * from the recipients' persisted status), so "delivered" means DELIVERED in the database.
 */
final class DeliveredCount {

  record Counts(long delivered, long deferred, long failed) {
    Counts minus(Counts before) {
      return new Counts(
          delivered - before.delivered, deferred - before.deferred, failed - before.failed);
    }
  }

  private final HttpClient http;
  private final BenchConfig config;

  DeliveredCount(HttpClient http, BenchConfig config) {
    this.http = http;
    this.config = config;
  }

  Counts smtp() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(config.baseUrl() + "/api/transports"))
            .header("Authorization", config.basicAuth())
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("/api/transports: " + response.statusCode());
    }
    for (JsonValue v : Json.createReader(new StringReader(response.body())).readArray()) {
      JsonObject t = v.asJsonObject();
      if (t.getString("name").equals("smtp")) {
        return new Counts(
            t.getJsonNumber("delivered").longValue(),
            t.getJsonNumber("deferred").longValue(),
            t.getJsonNumber("failed").longValue());
      }
    }
    throw new IllegalStateException("no smtp transport in " + response.body());
  }
}
