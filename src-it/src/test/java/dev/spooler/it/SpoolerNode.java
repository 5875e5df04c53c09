package dev.spooler.it;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A spooler server process of its own (not Arquillian's), started from the provisioned test server
 * with a separate base directory, so that a test can kill it with SIGKILL and start it again on the
 * same store and journal.
 */
final class SpoolerNode implements AutoCloseable {

  private final Path home;
  private final Path base;
  private final int portOffset;
  private final String config;
  private final List<String> properties;
  private final String user = System.getProperty("it.node.user", "it-admin");
  private final String password = System.getProperty("it.node.password", "it-admin-1!");
  private Process process;

  /** A node of the default, single-server configuration. */
  SpoolerNode(Path base, int portOffset, List<String> properties) throws IOException {
    this(base, portOffset, "standalone-full.xml", properties);
  }

  /**
   * A node of the default configuration whose SMTP relay is on this machine at {@code relayPort},
   * with {@code properties} besides.
   */
  static SpoolerNode relayingTo(int relayPort, Path base, int portOffset, String... properties)
      throws IOException {
    List<String> all = new ArrayList<>();
    all.add("-Dspooler.smtp.host=127.0.0.1");
    all.add("-Dspooler.smtp.port=" + relayPort);
    all.addAll(List.of(properties));
    return new SpoolerNode(base, portOffset, all);
  }

  /** A node started with the server configuration {@code config}, e.g. standalone-cluster.xml. */
  SpoolerNode(Path base, int portOffset, String config, List<String> properties)
      throws IOException {
    this.home = Path.of(System.getProperty("jboss.home"));
    this.base = base;
    this.portOffset = portOffset;
    this.config = config;
    this.properties = List.copyOf(properties);
    deleteRecursively(base);
    copyRecursively(home.resolve("standalone/configuration"), base.resolve("configuration"));
    Files.createDirectories(base.resolve("deployments"));
    Files.copy(
        Path.of(System.getProperty("spooler.ear", "../ear/target/spooler.ear")),
        base.resolve("deployments/spooler.ear"),
        StandardCopyOption.REPLACE_EXISTING);
    addUser();
  }

  /**
   * The REST user the tests call this node as (it-admin: sender, operator and admin; granted every
   * sender address at start), added to this node's own copy of the ApplicationRealm files.
   */
  private void addUser() throws IOException {
    Process addUser =
        new ProcessBuilder(
                "bash",
                home.resolve("bin/add-user.sh").toString(),
                "-a",
                "-u",
                user,
                "-p",
                password,
                "-g",
                "sender,operator,admin",
                "-sc",
                base.resolve("configuration").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("add-user.log").toFile()))
            .start();
    try {
      if (!addUser.waitFor(1, TimeUnit.MINUTES) || addUser.exitValue() != 0) {
        throw new IllegalStateException("add-user.sh failed: see " + base.resolve("add-user.log"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A REST client of this node, calling it as the test user. */
  SpoolerClient client() {
    return new SpoolerClient(api(), user, password);
  }

  URI api() {
    return URI.create("http://127.0.0.1:" + (8080 + portOffset) + "/api/");
  }

  void start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/standalone.sh").toString());
    command.addAll(
        List.of(
            "-c",
            config,
            "-Djboss.server.base.dir=" + base,
            "-Djboss.socket.binding.port-offset=" + portOffset,
            "-Djboss.bind.address=127.0.0.1",
            "-Dspooler.senders." + user + "=*"));
    command.addAll(properties);
    File log = base.resolve("console.log").toFile();
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
  }

  /** True once the spooler answers its readiness check. */
  boolean isReady() {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(api().resolve("health"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits until the spooler answers its readiness check (a cold start takes a while on 2 cores).
   */
  void awaitReady() {
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(this::isReady);
  }

  /** True when every recipient of message {@code id} is DELIVERED, as this node reads the store. */
  boolean hasDelivered(String id) {
    try {
      String body = client().get("messages/" + id).body();
      return body.contains("\"DELIVERED\"")
          && !body.matches("(?s).*\"(PENDING|DEFERRED|FAILED)\".*");
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /** The message as this node reports it (its recipients' states), for a failure's message. */
  String describe(String id) {
    try {
      return client().get("messages/" + id).body();
    } catch (UncheckedIOException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  /** How many lines of this node's server log contain {@code text}. */
  long logLines(String text) throws IOException {
    Path log = base.resolve("log/server.log");
    if (!Files.exists(log)) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(line -> line.contains(text)).count();
    }
  }

  /** kill -9: the JVM and the script that started it die at once, without any shutdown. */
  void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    stop(process);
  }

  /**
   * A clean stop (SIGTERM) of a started script and what it started, if it still runs; what has not
   * stopped a minute later is killed, so that no server outlives the test that started it.
   */
  static void stop(Process process) throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    List<ProcessHandle> started = process.descendants().toList();
    started.forEach(ProcessHandle::destroy);
    process.destroy();
    for (ProcessHandle handle : started) {
      try {
        handle.onExit().get(1, TimeUnit.MINUTES);
      } catch (TimeoutException | ExecutionException e) {
        handle.destroyForcibly();
      }
    }
    process.waitFor();
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
