package dev.spooler.bench;

import dev.spooler.bench.Workload.Channel;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** Runs one workload against the server and measures it, up to the last recipient delivered. */
final class WorkloadRun {

  /** No new recipient at the sink or in the store for this long: the rest is lost. */
  private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(120);

  private final BenchConfig config;
  private final SmtpSink sink;
  private final BenchServer server;
  private final DeliveredCount store;
  private boolean lastDelivered = true;

  WorkloadRun(BenchConfig config, SmtpSink sink, BenchServer server, DeliveredCount store) {
    this.config = config;
    this.sink = sink;
    this.server = server;
    this.store = store;
  }

  boolean allDelivered() {
    return lastDelivered;
  }

  Map<String, Object> run(Workload w, HttpClient http, boolean report) throws Exception {
    Benchmark.log("run " + w);
    RunTally tally = sink.expect(w.name(), w.messages());
    DeliveredCount.Counts before = store.smtp();
    server.resetPeakRss();
    BenchServer.Cpu cpuBefore = server.cpu();
    Supplier<Submitter> client;
    ActiveMQConnectionFactory jms = null;
    if (w.channel() == Channel.JMS) {
      ActiveMQConnectionFactory factory = JmsSubmitter.factory(config);
      jms = factory;
      client = () -> new JmsSubmitter(factory, config, w, w.name());
    } else if (w.channel() == Channel.SMTP) {
      client =
          () -> {
            try {
              return new SmtpSubmitter(config, w, w.name());
            } catch (Exception e) {
              throw new IllegalStateException("no SMTP session with the listener", e);
            }
          };
    } else {
      client = () -> new RestSubmitter(http, config, w, w.name());
    }
    Submissions s;
    try {
      s = Submissions.closedLoop(w.messages(), config.clients(), client);
      return measure(w, s, tally, before, cpuBefore);
    } finally {
      if (jms != null) {
        jms.close();
      }
    }
  }

  /** {@code perSecond} messages a second for {@code seconds}, open loop. */
  Map<String, Object> offered(int perSecond, int seconds) throws Exception {
    Workload w = new Workload("rate" + perSecond, perSecond * seconds, 1, 2048, Channel.REST);
    Benchmark.log("run " + w + " offered at " + perSecond + "/s");
    RunTally tally = sink.expect(w.name(), w.messages());
    DeliveredCount.Counts before = store.smtp();
    server.resetPeakRss();
    BenchServer.Cpu cpuBefore = server.cpu();
    // HTTP/1.1, one connection per client thread (the JDK client's HTTP/2 multiplexes everything
    // on one connection, which the server closes with GOAWAY under a deep queue).
    HttpClient http1 =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(30))
            .build();
    Submissions s =
        Submissions.offered(
            w.messages(), perSecond, 128, new RestSubmitter(http1, config, w, w.name()));
    Map<String, Object> r = measure(w, s, tally, before, cpuBefore);
    r.put("offeredPerSec", perSecond);
    return r;
  }

  /** A long W1-like run with the heap measured after a full GC before and after it. */
  Map<String, Object> longRun(int messages, HttpClient http) throws Exception {
    long heapBefore = server.heapAfterGcMb();
    Map<String, Object> r = run(new Workload("long", messages, 1, 2048, Channel.REST), http, true);
    long heapAfter = server.heapAfterGcMb();
    r.put("heapAfterGcStartMb", heapBefore);
    r.put("heapAfterGcEndMb", heapAfter);
    return r;
  }

  private Map<String, Object> measure(
      Workload w,
      Submissions s,
      RunTally tally,
      DeliveredCount.Counts before,
      BenchServer.Cpu cpuBefore)
      throws Exception {
    long expected = w.expectedRecipients();
    long end = awaitDelivery(tally, expected, before);
    BenchServer.Cpu cpu = server.cpu().minus(cpuBefore);
    DeliveredCount.Counts done = store.smtp().minus(before);
    Benchmark.sleep(2000); // a late duplicate would show now
    boolean countOk =
        end > 0
            && tally.recipients() == expected
            && tally.duplicates() == 0
            && tally.distinctMessages() == w.messages()
            && done.delivered() == expected;
    lastDelivered = countOk;
    Latencies accept = s.acceptLatencies();
    Latencies e2e = s.endToEndLatencies(tally);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("workload", w.name());
    r.put("db", config.db());
    r.put("messages", w.messages());
    r.put("recipients", expected);
    r.put("bodyBytes", w.bodyBytes());
    r.put("channel", w.channel().toString());
    r.put("clients", config.clients());
    r.put("acceptedPerSec", s.acceptedPerSecond());
    r.put("e2ePerSec", end > 0 ? w.messages() / ((end - s.firstStart) / 1e9) : Double.NaN);
    r.put("acceptP50Ms", accept.percentileMillis(50));
    r.put("acceptP99Ms", accept.percentileMillis(99));
    r.put("e2eP50Ms", e2e.percentileMillis(50));
    r.put("e2eP99Ms", e2e.percentileMillis(99));
    r.put("serverCpuMsPerMsg", (double) cpu.total() / w.messages());
    r.put("gcCpuMsPerMsg", (double) cpu.gc() / w.messages());
    r.put("jitCpuMsPerMsg", (double) cpu.jit() / w.messages());
    r.put("peakRssMb", server.peakRssMb());
    r.put("sinkRecipients", tally.recipients());
    r.put("sinkDuplicates", tally.duplicates());
    r.put("deliveredInDb", done.delivered());
    r.put("deferredInDb", done.deferred());
    r.put("failedInDb", done.failed());
    r.put("sinkCountOk", countOk);
    r.put("load", loadAverage());
    return r;
  }

  /**
   * Waits until the sink has every recipient and the store says DELIVERED for all of them; returns
   * that instant (System.nanoTime), or -1 when progress stalled (a loss).
   */
  private long awaitDelivery(RunTally tally, long expected, DeliveredCount.Counts before)
      throws Exception {
    if (!awaitSink(tally, expected)) {
      return -1;
    }
    long lastProgress = System.nanoTime();
    long delivered = -1;
    while (true) {
      long now = store.smtp().minus(before).delivered();
      if (now >= expected) {
        return System.nanoTime();
      }
      if (now != delivered) {
        delivered = now;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
        Benchmark.log("stalled in the store: " + now + " of " + expected + " DELIVERED");
        return -1;
      }
      Benchmark.sleep(100);
    }
  }

  /** Waits until the sink has counted {@code expected} recipients; false when arrivals stalled. */
  static boolean awaitSink(RunTally tally, long expected) {
    long lastProgress = System.nanoTime();
    long seen = -1;
    while (tally.recipients() < expected) {
      if (tally.recipients() != seen) {
        seen = tally.recipients();
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
        Benchmark.log("stalled at the sink: " + seen + " of " + expected);
        return false;
      }
      Benchmark.sleep(5);
    }
    return true;
  }

  /** The 1-minute load average (the machine is shared: figures are comparable at like load). */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }
}
