package dev.spooler.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Postfix of the benchmark's own, beside the system's (whose /etc/postfix is never read or
 * written as a configuration): its configuration, queue and data directories under the run's work
 * directory, listening on loopback only, relaying everything to the benchmark's sink, no local
 * delivery. Started empty, stopped by {@link #close} (and by a shutdown hook if the benchmark is
 * interrupted), so that nothing of it outlives the run.
 */
final class PostfixInstance implements AutoCloseable {

  private final Path home;
  private final Path config;
  private final Path queue;
  private final int port;
  private final int sinkPort;
  private final int concurrency;
  private final Thread stopOnExit = new Thread(this::stopQuietly, "postfix-stop");
  private boolean running;

  /**
   * @param concurrency parallel deliveries to the relay, as the spooler's SMTP pool has
   */
  PostfixInstance(Path home, int port, int sinkPort, int concurrency) {
    this.home = reachable(home.toAbsolutePath());
    this.config = this.home.resolve("etc");
    this.queue = this.home.resolve("spool");
    this.port = port;
    this.sinkPort = sinkPort;
    this.concurrency = concurrency;
  }

  /**
   * {@code home}, or a directory under /tmp when Postfix's daemons (user postfix) could not reach
   * it: a checkout in a directory closed to others, such as /root.
   */
  private static Path reachable(Path home) {
    for (Path dir = home.getParent(); dir != null; dir = dir.getParent()) {
      try {
        if (Files.exists(dir)
            && !Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          Path elsewhere =
              Path.of(
                  System.getProperty("java.io.tmpdir"),
                  "spooler-bench-postfix-" + Integer.toHexString(home.hashCode()));
          Benchmark.log(dir + " is closed to user postfix: the instance lives in " + elsewhere);
          return elsewhere;
        }
      } catch (IOException e) {
        return home; // cannot tell: try where asked
      }
    }
    return home;
  }

  int port() {
    return port;
  }

  void start() throws Exception {
    if (Files.exists(config.resolve("main.cf"))) {
      stopQuietly(); // a master left by an aborted run would hold the port and the queue
    }
    DirectoryTrees.delete(home);
    // Postfix refuses a queue or configuration directory that group or others may write to (a
    // umask of 002 would make them so).
    for (Path dir : List.of(home, config, queue)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.writeString(config.resolve("main.cf"), mainCf());
    Files.writeString(config.resolve("master.cf"), masterCf());
    requireFreePort();
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    running = true;
    // "check" creates the queue and data directories with their owners (postfix, postdrop) and
    // fails on what would stop the start.
    postfix("check");
    postfix("start");
    awaitListening();
  }

  /** CPU time (user + system) of the master and its children, the exited ones included. */
  long cpuMillis() throws IOException {
    long pid = masterPid();
    long ticks = ticks(pid, true);
    try (Stream<ProcessHandle> children =
        ProcessHandle.of(pid).stream().flatMap(p -> p.children())) {
      for (ProcessHandle child : (Iterable<ProcessHandle>) children::iterator) {
        ticks += ticks(child.pid(), false);
      }
    }
    return ticks * 10;
  }

  Path log() {
    return home.resolve("postfix.log");
  }

  @Override
  public void close() {
    if (running) {
      stopQuietly();
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException e) {
        // shutting down already: the hook runs
      }
    }
  }

  private String mainCf() {
    return String.join(
        "\n",
        "# The benchmark's own Postfix (PostfixInstance): made anew for every run.",
        "compatibility_level = 3.6",
        "queue_directory = " + queue,
        "data_directory = " + home.resolve("data"),
        "mail_owner = postfix",
        "setgid_group = postdrop",
        "myhostname = bench-postfix.localdomain",
        "mydomain = localdomain",
        "myorigin = $myhostname",
        "inet_interfaces = 127.0.0.1",
        "inet_protocols = ipv4",
        "mynetworks = 127.0.0.0/8",
        "smtpd_relay_restrictions = permit_mynetworks, reject",
        // Nothing is local: every recipient, bounces included, goes to the sink.
        "mydestination =",
        "local_recipient_maps =",
        "local_transport = error:local delivery is disabled",
        "alias_maps =",
        "alias_database =",
        "relayhost = [127.0.0.1]:" + sinkPort,
        "smtp_tls_security_level = none",
        "smtpd_tls_security_level = none",
        "default_destination_concurrency_limit = " + concurrency,
        "maillog_file = " + log(),
        "maillog_file_prefixes = " + home,
        "biff = no",
        "");
  }

  /** Only the services a relay needs: no pickup (nothing is submitted locally), no local. */
  private String masterCf() {
    List<String> lines = new ArrayList<>();
    lines.add("# service type private unpriv chroot wakeup maxproc command");
    lines.add("127.0.0.1:" + port + " inet n - n - - smtpd");
    for (String service :
        List.of(
            "cleanup unix n - n - 0 cleanup",
            "qmgr unix n - n 300 1 qmgr",
            "rewrite unix - - n - - trivial-rewrite",
            "bounce unix - - n - 0 bounce",
            "defer unix - - n - 0 bounce",
            "trace unix - - n - 0 bounce",
            "verify unix - - n - 1 verify",
            "flush unix n - n 1000? 0 flush",
            "proxymap unix - - n - - proxymap",
            "smtp unix - - n - - smtp",
            "relay unix - - n - - smtp",
            "error unix - - n - - error",
            "retry unix - - n - - error",
            "discard unix - - n - - discard",
            "anvil unix - - n - 1 anvil",
            "scache unix - - n - 1 scache",
            "postlog unix-dgram n - n - 1 postlogd")) {
      lines.add(service);
    }
    return String.join("\n", lines) + "\n";
  }

  private void requireFreePort() throws IOException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new IOException(
          "port " + port + " for the benchmark's Postfix is taken (-Dbench.postfix.port)", e);
    }
  }

  private void awaitListening() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (var socket = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("Postfix does not listen on " + port + ", see " + log());
  }

  private long masterPid() throws IOException {
    return Long.parseLong(Files.readString(queue.resolve("pid/master.pid")).trim());
  }

  /** utime + stime, and for the master cutime + cstime too (its reaped children). */
  private static long ticks(long pid, boolean withChildren) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return withChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
    } catch (IOException | RuntimeException e) {
      return 0; // exited meanwhile: the master's cutime has it
    }
  }

  private void stopQuietly() {
    try {
      var master = ProcessHandle.of(masterPid());
      postfix("stop");
      if (master.isPresent()) {
        master.get().onExit().get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      // not running
    }
    running = false;
  }

  private void postfix(String command) throws Exception {
    Process p =
        new ProcessBuilder(PostfixPackage.POSTFIX.toString(), "-c", config.toString(), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("postfix " + command + " failed: " + out.strip());
    }
  }
}
