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

/** A plain HTTP client for a spooler's REST API and the test server's health endpoints. */
final class SpoolerClient {

  static final int PORT_OFFSET = Integer.getInteger("it.port.offset", 100);
  static final URI API = URI.create("http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/api/");
  static final URI MANAGEMENT = URI.create("http://127.0.0.1:" + (9990 + PORT_OFFSET) + "/");

  /** The test server's administrator (add-test-users.sh): may do everything. */
  static final String ADMIN = "it-admin";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI api;
  private final String authorization;

  /** A client of the Arquillian test server, as its administrator. */
  SpoolerClient() {
    this(API);
  }

  /** A client of the spooler whose REST API is at {@code api}, as the administrator. */
  SpoolerClient(URI api) {
    this(api, basic(ADMIN));
  }

  private SpoolerClient(URI api, String authorization) {
    this.api = api;
    this.authorization = authorization;
  }

  /** The same server as test user {@code user} (add-test-users.sh: password "user-1!"). */
  SpoolerClient as(String user) {
    return new SpoolerClient(api, basic(user));
  }

  /** The same server without credentials. */
  SpoolerClient anonymous() {
    return new SpoolerClient(api, null);
  }

  /** The Authorization header of test user {@code user}. */
  static String basic(String user) {
    String credentials = user + ":" + user + "-1!";
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /** A request to {@code uri} with this client's credentials. */
  HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  URI resolve(String path) {
    return api.resolve(path);
  }

  HttpResponse<String> send(String method, String path, String contentType, String body) {
    HttpRequest.Builder request =
        request(api.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request.build());
  }

  /** A client of the spooler at {@code api} that sends HTTP Basic credentials with every call. */
  SpoolerClient(URI api, String user, String password) {
    this(
        api,
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  HttpResponse<String> post(String path, String json) {
    return send(
        request(api.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  HttpResponse<String> delete(String path) {
    return send(request(api.resolve(path)).DELETE().build());
  }

  HttpResponse<String> get(URI uri) {
    return send(request(uri).GET().build());
  }

  HttpResponse<String> get(String path) {
    return get(api.resolve(path));
  }

  static JsonObject json(HttpResponse<String> response) {
    try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readObject();
    }
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
