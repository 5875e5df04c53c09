package dev.spooler.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A raw SMTP client over a socket: what the tests say is exactly what goes on the wire, pipelined
 * when they send several lines before reading.
 */
final class SmtpWire implements AutoCloseable {

  /** One reply: its code and its lines (text after the code). */
  record Reply(int code, List<String> lines) {
    String text() {
      return lines.get(lines.size() - 1);
    }

    @Override
    public String toString() {
      return code + " " + String.join(" | ", lines);
    }
  }

  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final Reply greeting;

  SmtpWire(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    streams();
    greeting = read();
  }

  /** The listener's SMTP port at the test server's port offset. */
  static int port(int standard) {
    return standard + SpoolerClient.PORT_OFFSET;
  }

  Reply greeting() {
    return greeting;
  }

  private void streams() throws IOException {
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends lines without waiting for replies (pipelining). */
  void send(String... lines) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append("\r\n");
    }
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  Reply command(String line) throws IOException {
    send(line);
    return read();
  }

  Reply read() throws IOException {
    List<String> lines = new ArrayList<>();
    int code;
    while (true) {
      String line = line();
      if (line == null) {
        throw new IOException("connection closed; read so far: " + lines);
      }
      code = Integer.parseInt(line.substring(0, 3));
      lines.add(line.length() > 4 ? line.substring(4) : "");
      if (line.length() < 4 || line.charAt(3) != '-') {
        return new Reply(code, lines);
      }
    }
  }

  /** Whether the server closed the connection (reads end of stream). */
  boolean closedByServer() throws IOException {
    return line() == null;
  }

  private String line() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != -1; ) {
      if (b == '\n') {
        byte[] raw = bytes.toByteArray();
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        return new String(raw, 0, length, StandardCharsets.UTF_8);
      }
      bytes.write(b);
    }
    return null;
  }

  /** EHLO, STARTTLS, and EHLO again inside TLS (the test server's key is self-signed). */
  Reply startTls() throws Exception {
    command("EHLO wire.test");
    Reply ready = command("STARTTLS");
    if (ready.code() != 220) {
      throw new IOException("STARTTLS refused: " + ready);
    }
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new TrustAll()}, null);
    SSLSocket secure =
        (SSLSocket)
            tls.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
    secure.startHandshake();
    socket = secure;
    streams();
    return command("EHLO wire.test");
  }

  Reply authPlain(String user, String password) throws IOException {
    String token =
        Base64.getEncoder()
            .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    return command("AUTH PLAIN " + token);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** The test server's development key is self-signed. */
  static final class TrustAll implements X509TrustManager {
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
