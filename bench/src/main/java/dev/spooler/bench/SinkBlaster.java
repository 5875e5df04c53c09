package dev.spooler.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw SMTP client that sends to the sink exactly the dialogue the spooler has with it (NOOP
 * before each reuse, MAIL, RCPT, DATA, one command at a time), to show the sink's own ceiling.
 */
final class SinkBlaster {

  private final int port;

  SinkBlaster(int port) {
    this.port = port;
  }

  /** Sends {@code messages} of {@code bodyBytes} over {@code connections}; returns messages/s. */
  double blast(String run, int messages, int connections, int bodyBytes) throws Exception {
    String body = Payloads.body(bodyBytes);
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    Threads.runAll(connections, c -> connection(run, messages, next, body));
    return messages / ((System.nanoTime() - start) / 1e9);
  }

  private void connection(String run, int messages, AtomicInteger next, String body)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setTcpNoDelay(true);
      var in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      expect(in, "220");
      command(out, in, "EHLO blaster\r\n", "250");
      for (int seq = next.getAndIncrement(); seq < messages; seq = next.getAndIncrement()) {
        command(out, in, "NOOP\r\n", "250");
        command(out, in, "MAIL FROM:<blaster@example.org>\r\n", "250");
        command(out, in, "RCPT TO:<sink@example.net>\r\n", "250");
        command(out, in, "DATA\r\n", "354");
        String message =
            "Message-ID: <"
                + run
                + "-"
                + seq
                + "@blaster>\r\nSubject: bench "
                + run
                + " "
                + seq
                + "\r\n\r\n"
                + body
                + ".\r\n";
        command(out, in, message, "250");
      }
      command(out, in, "QUIT\r\n", "221");
    }
  }

  private static void command(OutputStream out, BufferedReader in, String text, String code)
      throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    expect(in, code);
  }

  private static void expect(BufferedReader in, String code) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null || !line.startsWith(code)) {
        throw new IOException("expected " + code + ", got " + line);
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
  }
}
