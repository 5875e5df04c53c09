package dev.spooler.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * W1's load through Postfix instead of the spooler: Postfix's own {@code smtp-source} (20 sessions,
 * each sending message after message) → the benchmark's Postfix → the same sink. The figure is
 * messages a second from the first submission to the last arrival at the sink, as W1's.
 */
final class PostfixRun {

  static final int SESSIONS = 20;

  private final BenchConfig config;
  private final SmtpSink sink;

  PostfixRun(BenchConfig config, SmtpSink sink) {
    this.config = config;
    this.sink = sink;
  }

  Map<String, Object> run(String name, int messages, int bodyBytes) throws Exception {
    Benchmark.log("run " + name + ": " + messages + " x " + bodyBytes + " B through Postfix");
    RunTally tally = sink.expect(name, messages);
    try (PostfixInstance postfix =
        new PostfixInstance(
            config.work().resolve("postfix"),
            config.postfixPort(),
            config.sinkPort(),
            config.postfixConcurrency())) {
      postfix.start();
      long cpuBefore = postfix.cpuMillis();
      long start = System.nanoTime();
      submit(name, messages, bodyBytes, postfix.port());
      long submitted = System.nanoTime();
      long end = WorkloadRun.awaitSink(tally, messages) ? tally.lastArrival() : -1;
      long cpu = postfix.cpuMillis() - cpuBefore;
      Benchmark.sleep(2000); // a late duplicate would show now
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("workload", name);
      r.put("messages", messages);
      r.put("bodyBytes", bodyBytes);
      r.put("channel", "smtp-source");
      r.put("clients", SESSIONS);
      r.put("acceptedPerSec", messages / ((submitted - start) / 1e9));
      r.put("e2ePerSec", end > 0 ? messages / ((end - start) / 1e9) : Double.NaN);
      r.put("serverCpuMsPerMsg", (double) cpu / messages);
      r.put("sinkRecipients", tally.recipients());
      r.put("sinkDuplicates", tally.duplicates());
      r.put(
          "sinkCountOk",
          end > 0
              && tally.recipients() == messages
              && tally.duplicates() == 0
              && tally.distinctMessages() == messages);
      r.put("load", WorkloadRun.loadAverage());
      return r;
    }
  }

  /** smtp-source: {@code -d} keeps each session open for the next message, as W1's clients do. */
  private void submit(String name, int messages, int bodyBytes, int port) throws Exception {
    Path out = config.work().resolve(name + "-smtp-source.out");
    List<String> command =
        List.of(
            PostfixPackage.SMTP_SOURCE.toString(),
            "-d",
            "-s",
            Integer.toString(SESSIONS),
            "-m",
            Integer.toString(messages),
            "-l",
            Integer.toString(bodyBytes),
            "-f",
            "bench@example.org",
            "-t",
            "rcpt0@example.net",
            "-S",
            "bench " + name + " 0",
            "127.0.0.1:" + port);
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("smtp-source did not finish, see " + out);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("smtp-source failed, see " + out);
    }
  }
}
