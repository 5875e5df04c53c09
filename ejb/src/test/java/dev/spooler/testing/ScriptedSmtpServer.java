package dev.spooler.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small real SMTP server for tests that need replies GreenMail does not give: a chosen reply per
 * RCPT address (e.g. {@code 550 5.1.1} for one of three), a reply for MAIL FROM, and AUTH PLAIN
 * with given credentials, extensions it advertises (DSN, SMTPUTF8, PIPELINING), and a session the
 * server ends after some RCPTs with a 421 and a close. It records every command line, every
 * completed transaction and counts connections.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

  /** One completed SMTP transaction: envelope and the message as sent. */
  public record Transaction(
      String mailFrom, List<String> recipients, String data, String user, boolean tls) {}

  private final ServerSocket socket;
  private final ExecutorService connections = Executors.newCachedThreadPool();
  private final Map<String, String> rcptReplies = new ConcurrentHashMap<>();
  private final List<Transaction> transactions = new CopyOnWriteArrayList<>();
  private final AtomicInteger connectionCount = new AtomicInteger();
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private volatile String mailFromReply = "250 2.1.0 Ok";
  private volatile SSLContext startTls;
  private volatile String requiredUser;
  private volatile String requiredPassword;
  private volatile long dataDelayMillis;
  private volatile CountDownLatch held = new CountDownLatch(0);
  private final List<String> extensions = new CopyOnWriteArrayList<>();
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private volatile int recipientsBeforeClosing = Integer.MAX_VALUE;
  private volatile String closingReply;
  private final List<Boolean> pipelinedAfterMailFrom = new CopyOnWriteArrayList<>();
  private volatile boolean watchPipelining;

  public ScriptedSmtpServer(int port) throws IOException {
    socket = new ServerSocket();
    // Before binding: the previous test's relay on this port may leave connections in TIME_WAIT.
    socket.setReuseAddress(true);
    socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    connections.submit(this::accept);
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** RCPT TO for this mailbox gets {@code reply}, e.g. {@code "550 5.1.1 user unknown"}. */
  public ScriptedSmtpServer replyToRecipient(String mailbox, String reply) {
    rcptReplies.put(mailbox.toLowerCase(Locale.ROOT), reply);
    return this;
  }

  /** RCPT TO for this mailbox is accepted again. */
  public ScriptedSmtpServer acceptRecipient(String mailbox) {
    rcptReplies.remove(mailbox.toLowerCase(Locale.ROOT));
    return this;
  }

  /** Advertises these EHLO keywords, e.g. {@code DSN}, {@code SMTPUTF8}, {@code PIPELINING}. */
  public ScriptedSmtpServer advertise(String... keywords) {
    extensions.addAll(List.of(keywords));
    return this;
  }

  /**
   * Ends each session at its RCPT number {@code answered + 1} with {@code reply} (e.g. {@code "421
   * 4.7.0 too many errors"}) and closes the connection, as Postfix does after too many errors.
   */
  public ScriptedSmtpServer endSessionAfterRecipients(int answered, String reply) {
    recipientsBeforeClosing = answered;
    closingReply = reply;
    return this;
  }

  /** Records {@link #pipelinedAfterMailFrom()}, each MAIL FROM then answered half a second late. */
  public ScriptedSmtpServer watchForPipelining() {
    watchPipelining = true;
    return this;
  }

  /**
   * For each MAIL FROM (when watching), whether the client's next command had arrived before the
   * server answered it (it waits up to half a second for one): true for a client that pipelines.
   */
  public List<Boolean> pipelinedAfterMailFrom() {
    return List.copyOf(pipelinedAfterMailFrom);
  }

  /** Every command line received, in order, across all sessions. */
  public List<String> commands() {
    return List.copyOf(commands);
  }

  public ScriptedSmtpServer replyToMailFrom(String reply) {
    mailFromReply = reply;
    return this;
  }

  /** Offers STARTTLS with this server certificate. */
  public ScriptedSmtpServer offerStartTls(SSLContext tls) {
    startTls = tls;
    return this;
  }

  /** Refuses MAIL FROM until the client authenticated with AUTH PLAIN as this user. */
  public ScriptedSmtpServer requireAuth(String user, String password) {
    requiredUser = user;
    requiredPassword = password;
    return this;
  }

  /** A slow relay: each message's final reply comes this much later. */
  public ScriptedSmtpServer delayEachMessage(java.time.Duration delay) {
    dataDelayMillis = delay.toMillis();
    return this;
  }

  /** Holds every message's final reply until {@link #releaseMessages()}: a relay that stalls. */
  public ScriptedSmtpServer holdMessages() {
    held = new CountDownLatch(1);
    return this;
  }

  public void releaseMessages() {
    held.countDown();
  }

  public List<Transaction> transactions() {
    return List.copyOf(transactions);
  }

  public int connections() {
    return connectionCount.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        clients.add(client);
        connectionCount.incrementAndGet();
        connections.submit(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
      reply(out, "220 scripted ESMTP");
      converse(client, false);
    } catch (IOException e) {
      // the client went away; nothing to record
    }
  }

  /** One SMTP session on this socket; STARTTLS continues it on a TLS socket layered over it. */
  private void converse(Socket client, boolean tls) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
    {
      String mailFrom = null;
      String user = null;
      List<String> recipients = new ArrayList<>();
      int rcptCommands = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        commands.add(line);
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("EHLO")) {
          List<String> lines = new ArrayList<>(List.of("scripted"));
          if (startTls != null && !tls) {
            lines.add("STARTTLS");
          }
          if (requiredUser != null) {
            lines.add("AUTH PLAIN");
          }
          lines.addAll(extensions);
          StringBuilder ehlo = new StringBuilder();
          for (int i = 0; i < lines.size(); i++) {
            ehlo.append(i > 0 ? "\r\n" : "").append(i < lines.size() - 1 ? "250-" : "250 ");
            ehlo.append(lines.get(i));
          }
          reply(out, ehlo.toString());
        } else if (upper.startsWith("STARTTLS") && startTls != null && !tls) {
          reply(out, "220 2.0.0 Ready to start TLS");
          SSLSocket secure =
              (SSLSocket)
                  startTls
                      .getSocketFactory()
                      .createSocket(
                          client,
                          client.getInetAddress().getHostAddress(),
                          client.getPort(),
                          false);
          secure.setUseClientMode(false);
          secure.startHandshake();
          converse(secure, true);
          return;
        } else if (upper.startsWith("HELO") || upper.startsWith("NOOP")) {
          reply(out, "250 Ok");
        } else if (upper.startsWith("AUTH PLAIN")) {
          String initial = line.length() > "AUTH PLAIN".length() ? line.substring(11).trim() : "";
          if (initial.isEmpty()) {
            reply(out, "334 ");
            initial = in.readLine();
          }
          String[] parts =
              new String(Base64.getDecoder().decode(initial), StandardCharsets.UTF_8)
                  .split("\u0000");
          boolean ok =
              parts.length == 3
                  && parts[1].equals(requiredUser)
                  && parts[2].equals(requiredPassword);
          user = ok ? parts[1] : null;
          reply(out, ok ? "235 2.7.0 Authentication successful" : "535 5.7.8 Bad credentials");
        } else if (upper.startsWith("MAIL FROM:")) {
          if (requiredUser != null && user == null) {
            reply(out, "530 5.7.0 Authentication required");
            continue;
          }
          if (watchPipelining) {
            pipelinedAfterMailFrom.add(arrivesWithin(in, 500));
          }
          reply(out, mailFromReply);
          if (mailFromReply.startsWith("2")) {
            mailFrom = path(line);
            recipients = new ArrayList<>();
          }
        } else if (upper.startsWith("RCPT TO:")) {
          if (++rcptCommands > recipientsBeforeClosing) {
            reply(out, closingReply);
            return;
          }
          String mailbox = path(line);
          String answer =
              rcptReplies.getOrDefault(mailbox.toLowerCase(Locale.ROOT), "250 2.1.5 Ok");
          if (answer.startsWith("2")) {
            recipients.add(mailbox);
          }
          reply(out, answer);
        } else if (upper.startsWith("DATA")) {
          if (mailFrom == null || recipients.isEmpty()) {
            reply(out, "554 5.5.1 No valid recipients");
            continue;
          }
          reply(out, "354 End data with <CR><LF>.<CR><LF>");
          StringBuilder data = new StringBuilder();
          String d = in.readLine();
          for (; d != null && !d.equals("."); d = in.readLine()) {
            data.append(d.startsWith("..") ? d.substring(1) : d).append("\r\n");
          }
          if (d == null) {
            return; // the client died mid-DATA: like a real relay, accept nothing
          }
          try {
            held.await(2, TimeUnit.MINUTES);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          if (dataDelayMillis > 0) {
            pause(dataDelayMillis);
          }
          transactions.add(
              new Transaction(mailFrom, List.copyOf(recipients), data.toString(), user, tls));
          mailFrom = null;
          recipients = new ArrayList<>();
          reply(out, "250 2.0.0 Ok: queued");
        } else if (upper.startsWith("RSET")) {
          mailFrom = null;
          recipients = new ArrayList<>();
          reply(out, "250 Ok");
        } else if (upper.startsWith("QUIT")) {
          reply(out, "221 Bye");
          return;
        } else {
          reply(out, "502 5.5.2 Command not recognized");
        }
      }
    }
  }

  // A simulated slow relay, on the server's own connection thread: there is nothing to wait for.
  private static boolean arrivesWithin(BufferedReader in, long millis) throws IOException {
    long end = System.currentTimeMillis() + millis;
    while (!in.ready() && System.currentTimeMillis() < end) {
      pause(10);
    }
    return in.ready();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String path(String line) {
    int open = line.indexOf('<');
    int close = line.indexOf('>', open);
    return open >= 0 && close > open
        ? line.substring(open + 1, close)
        : line.substring(line.indexOf(':') + 1).trim();
  }

  private static void reply(Writer out, String text) throws IOException {
    out.write(text + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    // Like a relay that went away: open sessions break too.
    for (Socket client : clients) {
      client.close();
    }
    connections.shutdownNow();
  }
}
