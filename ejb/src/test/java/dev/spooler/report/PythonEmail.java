package dev.spooler.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads a report with Python's standard {@code email} package, a second, independent parser: one
 * line {@code Final-Recipient|Action} per recipient block of the delivery-status part. Skipped
 * where no {@code python3} is installed.
 */
final class PythonEmail {

  private static final String SCRIPT =
      String.join(
          "\n",
          "import email, sys",
          "msg = email.message_from_binary_file(open(sys.argv[1], 'rb'))",
          "for part in msg.walk():",
          "    if part.get_content_type() in ('message/delivery-status',"
              + " 'message/global-delivery-status'):",
          "        for block in part.get_payload()[1:]:",
          "            print('%s|%s' % (block.get('Final-Recipient'), block.get('Action')))");

  private PythonEmail() {}

  static List<String> recipientBlocks(byte[] report) throws IOException, InterruptedException {
    Path file = Files.createTempFile("report", ".eml");
    try {
      Files.write(file, report);
      Process python;
      try {
        python =
            new ProcessBuilder("python3", "-c", SCRIPT, file.toString())
                .redirectErrorStream(true)
                .start();
      } catch (IOException e) {
        assumeTrue(false, "python3 is not installed: " + e.getMessage());
        throw e;
      }
      String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) {
        throw new IllegalStateException("python3 failed: " + out);
      }
      return out.lines().toList();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
