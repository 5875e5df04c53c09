package dev.spooler.it;

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
  private final List<String> properties;
  private Process process;

  SpoolerNode(Path base, int portOffset, List<String> properties) throws IOException {
    this.home = Path.of(System.getProperty("jboss.home"));
    this.base = base;
    this.portOffset = portOffset;
    this.properties = List.copyOf(properties);
    deleteRecursively(base);
    copyRecursively(home.resolve("standalone/configuration"), base.resolve("configuration"));
    Files.createDirectories(base.resolve("deployments"));
    Files.copy(
        Path.of(System.getProperty("spooler.ear", "../ear/target/spooler.ear")),
        base.resolve("deployments/spooler.ear"),
        StandardCopyOption.REPLACE_EXISTING);
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
            "standalone-full.xml",
            "-Djboss.server.base.dir=" + base,
            "-Djboss.socket.binding.port-offset=" + portOffset,
            "-Djboss.bind.address=127.0.0.1"));
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

  /** kill -9: the JVM and the script that started it die at once, without any shutdown. */
  void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      process.waitFor();
    }
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
