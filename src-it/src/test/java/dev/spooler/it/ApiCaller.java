package dev.spooler.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * An HTTP client of the test server's REST API that always authenticates (HTTP Basic, credentials
 * from system properties) and can send any bytes with any content type, as a careless or hostile
 * client would.
 */
final class ApiCaller {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String authorization;

  private ApiCaller(String user, String password) {
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A submitting application ({@code it.http.user}, default it-sender). */
  static ApiCaller sender() {
    return new ApiCaller(
        System.getProperty("it.http.user", "it-sender"),
        System.getProperty("it.http.password", "it-sender-1!"));
  }

  /** An operator, who may read the queues ({@code it.operator.user}, default it-operator). */
  static ApiCaller operator() {
    return new ApiCaller(
        System.getProperty("it.operator.user", "it-operator"),
        System.getProperty("it.operator.password", "it-operator-1!"));
  }

  /** The administrator (add-test-users.sh). */
  static ApiCaller admin() {
    return new ApiCaller(SpoolerClient.ADMIN, SpoolerClient.ADMIN + "-1!");
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  HttpResponse<String> delete(String path) {
    return send(request(path).DELETE());
  }

  HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  /** A POST without Content-Length: the body goes chunked. */
  HttpResponse<String> postChunked(String path, String contentType, byte[] body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(body))));
  }

  HttpResponse<String> postJson(String path, String json, String... headers) {
    return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
  }

  HttpResponse<String> send(String method, String path) {
    return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  static JsonObject json(HttpResponse<String> response) {
    try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readObject();
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(SpoolerClient.API + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", authorization);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
