package dev.spooler.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP server on loopback that accepts everything and counts it: one NIO selector thread, no
 * storage. Each accepted transaction is counted per recipient under the run named in its subject
 * ({@code bench <run> <seq>}), by Message-ID, so that loss and duplicates show.
 */
final class SmtpSink implements AutoCloseable {

  private final ServerSocketChannel server;
  private final Selector selector;
  private final Thread loop;
  private final Map<String, RunTally> runs = new ConcurrentHashMap<>();
  private final AtomicLong unattributed = new AtomicLong();
  private volatile boolean open = true;

  SmtpSink(int port) throws IOException {
    selector = Selector.open();
    server = ServerSocketChannel.open();
    server.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
    server.bind(new InetSocketAddress("127.0.0.1", port), 256);
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    loop = new Thread(this::serve, "smtp-sink");
    loop.setDaemon(true);
    loop.start();
  }

  /** Starts counting a run: messages whose subject names it are tallied under it. */
  RunTally expect(String run, int messages) {
    RunTally tally = new RunTally(messages);
    runs.put(run, tally);
    return tally;
  }

  long unattributed() {
    return unattributed.get();
  }

  private void serve() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    while (open) {
      try {
        selector.select();
        for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
          SelectionKey key = it.next();
          it.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            accept();
          } else {
            Session session = (Session) key.attachment();
            try {
              if (key.isReadable()) {
                session.read(buffer);
              }
              if (key.isValid() && key.isWritable()) {
                session.flush();
              }
            } catch (IOException e) {
              session.close();
            }
          }
        }
      } catch (IOException e) {
        if (open) {
          System.err.println("sink: " + e);
        }
      }
    }
  }

  private void accept() throws IOException {
    SocketChannel channel = server.accept();
    if (channel == null) {
      return;
    }
    channel.configureBlocking(false);
    channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
    SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
    Session session = new Session(channel, key);
    key.attach(session);
    session.reply("220 bench-sink ESMTP\r\n");
  }

  @Override
  public void close() throws IOException {
    open = false;
    selector.wakeup();
    try {
      loop.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    selector.close();
  }

  /** One client connection: line-oriented commands, then DATA lines up to the lone dot. */
  private final class Session {
    private final SocketChannel channel;
    private final SelectionKey key;
    private final Queue<ByteBuffer> out = new ArrayDeque<>();
    private final byte[] line = new byte[1000];
    private int lineLength;
    private boolean inData;
    private boolean inHeaders;
    private final List<String> recipients = new ArrayList<>();
    private String subject;
    private String messageId;

    Session(SocketChannel channel, SelectionKey key) {
      this.channel = channel;
      this.key = key;
    }

    void read(ByteBuffer buffer) throws IOException {
      buffer.clear();
      int n = channel.read(buffer);
      if (n < 0) {
        close();
        return;
      }
      buffer.flip();
      while (buffer.hasRemaining()) {
        byte b = buffer.get();
        if (b == '\n') {
          int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
          String text = new String(line, 0, Math.min(end, line.length), StandardCharsets.US_ASCII);
          lineLength = 0;
          if (inData) {
            dataLine(text);
          } else {
            command(text);
          }
        } else if (lineLength < line.length) {
          line[lineLength++] = b;
        }
      }
    }

    private void dataLine(String text) {
      if (text.equals(".")) {
        inData = false;
        record();
        reply("250 2.0.0 queued\r\n");
      } else if (inHeaders) {
        if (text.isEmpty()) {
          inHeaders = false;
        } else if (startsWithIgnoreCase(text, "Subject: ")) {
          subject = text.substring(9).trim();
        } else if (startsWithIgnoreCase(text, "Message-ID: ")) {
          messageId = text.substring(12).trim();
        }
      }
    }

    private void command(String text) {
      String verb = text.length() >= 4 ? text.substring(0, 4).toUpperCase() : text.toUpperCase();
      switch (verb) {
        case "EHLO" -> reply("250-bench-sink\r\n250 8BITMIME\r\n");
        case "HELO" -> reply("250 bench-sink\r\n");
        case "MAIL" -> {
          recipients.clear();
          reply("250 2.1.0 ok\r\n");
        }
        case "RCPT" -> {
          int lt = text.indexOf('<');
          int gt = text.indexOf('>', lt + 1);
          recipients.add(lt >= 0 && gt > lt ? text.substring(lt + 1, gt) : text.substring(8));
          reply("250 2.1.5 ok\r\n");
        }
        case "DATA" -> {
          inData = true;
          inHeaders = true;
          subject = null;
          messageId = null;
          reply("354 go ahead\r\n");
        }
        case "RSET" -> {
          recipients.clear();
          reply("250 2.0.0 ok\r\n");
        }
        case "NOOP" -> reply("250 2.0.0 ok\r\n");
        case "QUIT" -> {
          reply("221 2.0.0 bye\r\n");
          close();
        }
        default -> reply("502 5.5.2 not implemented\r\n");
      }
    }

    private void record() {
      long now = System.nanoTime();
      String[] parts = subject == null ? new String[0] : subject.split(" ");
      RunTally tally = parts.length == 3 && parts[0].equals("bench") ? runs.get(parts[1]) : null;
      if (tally == null) {
        unattributed.addAndGet(recipients.size());
      } else {
        tally.arrived(Integer.parseInt(parts[2]), String.valueOf(messageId), recipients, now);
      }
      recipients.clear();
    }

    void reply(String text) {
      out.add(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
      try {
        flush();
      } catch (IOException e) {
        close();
      }
    }

    void flush() throws IOException {
      while (!out.isEmpty()) {
        ByteBuffer head = out.peek();
        channel.write(head);
        if (head.hasRemaining()) {
          key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
          return;
        }
        out.poll();
      }
      if (key.isValid()) {
        key.interestOps(SelectionKey.OP_READ);
      }
    }

    void close() {
      key.cancel();
      try {
        channel.close();
      } catch (IOException e) {
        // the client has gone already
      }
    }
  }

  private static boolean startsWithIgnoreCase(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
