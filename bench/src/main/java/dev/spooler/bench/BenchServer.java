package dev.spooler.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under test: the build's provisioned WildFly ({@code ear/target/server}) run on a fresh
 * copy of its {@code standalone} directory, so every run starts from an empty store and journal and
 * never touches the server {@code ./spooler run} uses.
 */
final class BenchServer implements AutoCloseable {

  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

  private final BenchConfig config;
  private final Path base;
  private Process launcher;
  private long pid;

  BenchServer(BenchConfig config) {
    this.config = config;
    this.base = config.work().resolve("standalone");
  }

  void start() throws Exception {
    prepareBaseDir();
    addUser();
    List<String> command = new ArrayList<>();
    command.add(config.serverHome().resolve("bin/standalone.sh").toString());
    command.addAll(
        List.of(
            "-c",
            "standalone-full.xml",
            "-b",
            "127.0.0.1",
            "-Djboss.server.base.dir=" + base,
            "-Djboss.socket.binding.port-offset=" + config.portOffset(),
            "-Dspooler.smtp.host=127.0.0.1",
            "-Dspooler.smtp.port=" + config.sinkPort(),
            // the bench user may submit with any From once security is on (common.md)
            "-Dspooler.senders." + config.user() + "=*",
            // W5's clients all come from 127.0.0.1: more than the default 10 sessions per address,
            // as an operator allows a known submitting host
            "-Dspooler.listener.max-connections-per-address=100"));
    command.addAll(config.databaseArguments());
    command.addAll(config.serverOptions());
    Path log = config.work().resolve("server.out");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (config.jfr()) {
      // JFR keeps 64 frames by default: too few for the EJB interceptor chains, whose samples then
      // show no spooler frame at all.
      builder.environment().put("JDK_JAVA_OPTIONS", "-XX:FlightRecorderOptions:stackdepth=512");
    }
    launcher = builder.redirectOutput(log.toFile()).start();
    pid = awaitJvm();
    awaitHealthy();
  }

  private void prepareBaseDir() throws IOException {
    DirectoryTrees.delete(base);
    Path source = config.serverHome().resolve("standalone");
    for (String dir : List.of("configuration", "deployments")) {
      DirectoryTrees.copy(source.resolve(dir), base.resolve(dir));
    }
    DirectoryTrees.delete(base.resolve("configuration/standalone_xml_history"));
    Files.copy(
        config.ear(), base.resolve("deployments/spooler.ear"), StandardCopyOption.REPLACE_EXISTING);
  }

  private void addUser() throws Exception {
    run(
        config.serverHome().resolve("bin/add-user.sh").toString(),
        "-a",
        "-u",
        config.user(),
        "-p",
        config.password(),
        "-g",
        "sender,operator,relay",
        "-sc",
        base.resolve("configuration").toString());
  }

  private long awaitJvm() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      var jvm =
          launcher
              .descendants()
              .filter(p -> p.info().commandLine().orElse("").contains("jboss-modules"))
              .findFirst();
      if (jvm.isPresent()) {
        return jvm.get().pid();
      }
      if (!launcher.isAlive()) {
        throw new IllegalStateException("server did not start, see " + config.work());
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no server JVM after 60 s");
  }

  private void awaitHealthy() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(config.baseUrl() + "/api/health"))
            .header("Authorization", config.basicAuth())
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (!launcher.isAlive()) {
        throw new IllegalStateException(
            "server exited, see " + config.work().resolve("server.out"));
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("server not healthy after 240 s");
  }

  long pid() {
    return pid;
  }

  /** Peak resident set size since the last {@link #resetPeakRss} (VmHWM), in MB. */
  long peakRssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }

  /**
   * CPU time the server has used (user + system, /proc/PID/stat, in clock ticks of 10 ms): per
   * message, the figure that stays comparable when other work shares the machine.
   */
  Cpu cpu() throws IOException {
    long gc = 0;
    long jit = 0;
    // The JVM's own threads, which no JFR execution sample shows: the garbage collector's and the
    // JIT compilers' (a thread that ended meanwhile is missing from both: an approximation).
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue; // ended
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
          gc += ticks(stat);
        } else if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
          jit += ticks(stat);
        }
      }
    }
    return new Cpu(
        ticks(Files.readString(Path.of("/proc/" + pid + "/stat"))) * 10, gc * 10, jit * 10);
  }

  /** CPU milliseconds of the server: all of it, its garbage collector's, its JIT compilers'. */
  record Cpu(long total, long gc, long jit) {
    Cpu minus(Cpu before) {
      return new Cpu(total - before.total, gc - before.gc, jit - before.jit);
    }
  }

  /** utime + stime of a /proc stat line, in clock ticks (10 ms). */
  private static long ticks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Makes VmHWM start again from the current RSS (writing 5 to clear_refs, Linux 4.0+). */
  void resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
    } catch (IOException e) {
      // not allowed here: the peak is then the peak since the server started
    }
  }

  /** Heap used right after a full GC, in MB (jcmd GC.run, then GC.heap_info). */
  long heapAfterGcMb() throws Exception {
    run("jcmd", Long.toString(pid), "GC.run");
    String info = run("jcmd", Long.toString(pid), "GC.heap_info");
    Matcher m = HEAP_USED.matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("cannot read heap from: " + info);
    }
    return Long.parseLong(m.group(1)) / 1024;
  }

  /** Starts a JFR recording on the server (profile settings) to be dumped by {@link #stopJfr}. */
  void startJfr(String name) throws Exception {
    run("jcmd", Long.toString(pid), "JFR.start", "name=" + name, "settings=profile");
  }

  Path stopJfr(String name) throws Exception {
    Path file = config.work().resolve(name + ".jfr");
    run("jcmd", Long.toString(pid), "JFR.stop", "name=" + name, "filename=" + file);
    return file;
  }

  @Override
  public void close() throws Exception {
    if (launcher == null) {
      return;
    }
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(Arrays.toString(command) + " failed: " + out);
    }
    return out;
  }
}
