package dev.spooler.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code postfix} package, for the side-by-side run: there already, installed now (as
 * root, without a system configuration, so no system instance starts), or not available (the
 * benchmark then says what to install and runs without it). A Postfix instance must be started as
 * root.
 */
final class PostfixPackage {

  static final Path POSTFIX = Path.of("/usr/sbin/postfix");
  static final Path SMTP_SOURCE = Path.of("/usr/sbin/smtp-source");
  private static final String WHAT =
      "Debian's postfix package (postfix, smtp-source), and running the benchmark as root";

  private PostfixPackage() {}

  /** True when Postfix can run here; installs it first when missing and this is root. */
  static boolean ensure() {
    if (!root()) {
      Benchmark.log("no Postfix side by side: it needs " + WHAT + " (apt-get install postfix)");
      return false;
    }
    if (installed()) {
      return true;
    }
    Benchmark.log("installing Debian's postfix (no system configuration, none started)");
    try {
      // "No configuration": the package writes no /etc/postfix/main.cf and starts no system
      // instance; the benchmark's instance has its own configuration directory.
      run("postfix postfix/main_mailer_type select No configuration\n", "debconf-set-selections");
      run(null, "apt-get", "-o", "DPkg::Lock::Timeout=300", "update");
      run(
          null,
          "apt-get",
          "-o",
          "DPkg::Lock::Timeout=300",
          "install",
          "-y",
          "--no-install-recommends",
          "postfix");
    } catch (Exception e) {
      Benchmark.log("no Postfix side by side: installing it failed (" + e.getMessage() + ")");
      return false;
    }
    return installed();
  }

  private static boolean installed() {
    return Files.isExecutable(POSTFIX) && Files.isExecutable(SMTP_SOURCE);
  }

  private static boolean root() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("Uid:"))
          .anyMatch(l -> l.split("\\s+")[1].equals("0"));
    } catch (IOException e) {
      return false;
    }
  }

  private static void run(String input, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
    builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
    Process p = builder.start();
    try (var in = p.getOutputStream()) {
      if (input != null) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + tail(out));
    }
  }

  private static String tail(String text) {
    return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
  }
}
