package dev.spooler.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** The benchmark's settings, read once from system properties ({@code bench.*}, see the pom). */
record BenchConfig(
    List<String> workloads,
    String db,
    double scale,
    int clients,
    int rate,
    int rateSeconds,
    int longCount,
    int portOffset,
    int sinkPort,
    String user,
    String password,
    boolean jfr,
    List<String> serverOptions,
    String dbUrl,
    String dbSchema,
    String dbUser,
    String dbPassword,
    Path serverHome,
    Path ear,
    Path work,
    boolean postfix,
    int postfixPort,
    int postfixConcurrency) {

  static BenchConfig fromSystemProperties() {
    return new BenchConfig(
        split(System.getProperty("bench.workloads", "sink,W1,W2,W3,W4,W5,rate,long"), ","),
        System.getProperty("bench.db", "h2"),
        Double.parseDouble(System.getProperty("bench.scale", "1")),
        Integer.getInteger("bench.clients", 16),
        Integer.getInteger("bench.rate", 500),
        Integer.getInteger("bench.rate.seconds", 10),
        Integer.getInteger("bench.long.count", 5_000),
        Integer.getInteger("bench.port.offset", 500),
        Integer.getInteger("bench.sink.port", 2625),
        System.getProperty("bench.user", "bench"),
        System.getProperty("bench.password", "bench-Secret-1"),
        Boolean.getBoolean("bench.jfr"),
        split(System.getProperty("bench.server.opts", ""), " "),
        System.getProperty("bench.db.url", "jdbc:postgresql://127.0.0.1:5432/test"),
        System.getProperty("bench.db.schema", "spooler_bench"),
        System.getProperty("bench.db.user", "postgres"),
        System.getProperty("bench.db.password", "postgres"),
        Path.of(System.getProperty("bench.server.home", "ear/target/server")).normalize(),
        Path.of(System.getProperty("bench.ear", "ear/target/spooler.ear")).normalize(),
        Path.of(System.getProperty("bench.work", "bench/target/run")).normalize(),
        Boolean.parseBoolean(System.getProperty("bench.postfix", "true")),
        // Beside the sink (2625) and its probe (2626); 25 + offset is the spooler's own listener.
        Integer.getInteger("bench.postfix.port", Integer.getInteger("bench.sink.port", 2625) + 2),
        // The spooler's SMTP pool (spooler.smtp.pool-size, 8): as many deliveries at once.
        Integer.getInteger("bench.postfix.concurrency", 8));
  }

  int scaled(int count) {
    return Math.max(1, (int) Math.round(count * scale));
  }

  int httpPort() {
    return 8080 + portOffset;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + httpPort();
  }

  String basicAuth() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  boolean postgresql() {
    return db.equals("postgresql");
  }

  /** The README's "Production database" switch, on a schema of the benchmark's own. */
  List<String> databaseArguments() {
    if (!postgresql()) {
      return List.of("-Dspooler.db.driver=h2");
    }
    return List.of(
        "-Dspooler.db.driver=postgresql",
        "-Dspooler.db.url=" + dbUrl + "?currentSchema=" + dbSchema,
        "-Dspooler.db.user=" + dbUser,
        "-Dspooler.db.password=" + dbPassword);
  }

  private static List<String> split(String value, String separator) {
    return Arrays.stream(value.split(separator))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
