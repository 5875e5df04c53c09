package dev.spooler.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An SMTP client of the submission listener (README "Sending over SMTP"), as a mail client or an
 * MTA submits: one session per client, STARTTLS and AUTH once, then MAIL, RCPT, DATA per message,
 * pipelined up to DATA; accepted means the listener's 250 after the data, i.e. stored.
 */
final class SmtpSubmitter implements Submitter {

  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;
  private final Workload workload;
  private final String run;
  private final String body;

  SmtpSubmitter(BenchConfig config, Workload workload, String run) throws Exception {
    this.workload = workload;
    this.run = run;
    this.body = Payloads.body(workload.bodyBytes());
    Socket plain = new Socket("127.0.0.1", 587 + config.portOffset());
    BufferedReader greeting =
        new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.UTF_8));
    OutputStream plainOut = plain.getOutputStream();
    expect(greeting, 220);
    say(plainOut, "EHLO bench.example");
    expect(greeting, 250);
    say(plainOut, "STARTTLS");
    expect(greeting, 220);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new DevelopmentKey()}, null);
    SSLSocket secure =
        (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", plain.getPort(), true);
    secure.startHandshake();
    this.socket = secure;
    this.in =
        new BufferedReader(new InputStreamReader(secure.getInputStream(), StandardCharsets.UTF_8));
    this.out = secure.getOutputStream();
    say(out, "EHLO bench.example");
    expect(in, 250);
    String credentials = "\0" + config.user() + "\0" + config.password();
    say(
        out,
        "AUTH PLAIN "
            + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    expect(in, 235);
  }

  @Override
  public void submit(int seq) throws Exception {
    List<String> to = workload.recipientAddresses();
    StringBuilder commands = new StringBuilder("MAIL FROM:<bench@example.org>\r\n");
    for (String address : to) {
      commands.append("RCPT TO:<").append(address).append(">\r\n");
    }
    commands.append("DATA\r\n");
    out.write(commands.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    expect(in, 250);
    for (int i = 0; i < to.size(); i++) {
      expect(in, 250);
    }
    expect(in, 354);
    String message =
        "From: bench@example.org\r\nTo: "
            + String.join(", ", to)
            + "\r\nSubject: bench "
            + run
            + " "
            + seq
            + "\r\n\r\n"
            + body.replace("\r\n.", "\r\n..")
            + "\r\n.\r\n";
    out.write(message.getBytes(StandardCharsets.UTF_8));
    out.flush();
    expect(in, 250);
  }

  private static void say(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads one reply (all its lines) and requires its code. */
  private static void expect(BufferedReader in, int code) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("the listener closed the session");
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
    if (!line.startsWith(Integer.toString(code))) {
      throw new IllegalStateException("expected " + code + ", got: " + line);
    }
  }

  @Override
  public void close() throws IOException {
    say(out, "QUIT");
    socket.close();
  }

  /** The development key the build makes is self-signed. */
  private static final class DevelopmentKey implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
