package dev.spooler.bench;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** When each message of a run was submitted and accepted (System.nanoTime). */
final class Submissions {

  final long[] started;
  final long[] accepted;
  long firstStart;
  long lastAccept;

  private Submissions(int messages) {
    started = new long[messages];
    accepted = new long[messages];
  }

  /** Closed loop: {@code clients} threads, each submitting the next message once the last is in. */
  static Submissions closedLoop(int messages, int clients, Supplier<Submitter> newClient)
      throws Exception {
    Submissions s = new Submissions(messages);
    AtomicInteger next = new AtomicInteger();
    s.firstStart = System.nanoTime();
    Threads.runAll(
        clients,
        c -> {
          try (Submitter client = newClient.get()) {
            for (int seq = next.getAndIncrement(); seq < messages; seq = next.getAndIncrement()) {
              s.started[seq] = System.nanoTime();
              client.submit(seq);
              s.accepted[seq] = System.nanoTime();
            }
          } catch (Exception e) {
            next.set(messages); // stop the others
            throw e;
          }
        });
    s.lastAccept = System.nanoTime();
    return s;
  }

  /**
   * Open loop at a fixed offered rate: message i is due at start + i/rate whatever the server does,
   * and its latency counts from when it was due (no coordinated omission). {@code connections}
   * clients take the due messages in turn, so a slow server makes them queue here, where the wait
   * is counted, rather than open thousands of connections.
   */
  static Submissions offered(int messages, int perSecond, int connections, Submitter client)
      throws Exception {
    Submissions s = new Submissions(messages);
    BlockingQueue<Integer> due = new LinkedBlockingQueue<>();
    long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
    s.firstStart = System.nanoTime();
    Thread pacer =
        new Thread(
            () -> {
              for (int seq = 0; seq < messages; seq++) {
                long at = s.firstStart + seq * period;
                for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
                  LockSupport.parkNanos(wait);
                }
                s.started[seq] = at;
                due.add(seq);
              }
            });
    pacer.start();
    AtomicInteger taken = new AtomicInteger();
    Threads.runAll(
        connections,
        c -> {
          while (taken.getAndIncrement() < messages) {
            int seq = due.take();
            client.submit(seq);
            s.accepted[seq] = System.nanoTime();
          }
        });
    pacer.join();
    s.lastAccept = System.nanoTime();
    return s;
  }

  double acceptedPerSecond() {
    return started.length / ((lastAccept - firstStart) / 1e9);
  }

  Latencies acceptLatencies() {
    long[] nanos = new long[started.length];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = accepted[i] - started[i];
    }
    return new Latencies(nanos);
  }

  /** Submit to the last recipient counted at the sink, per message that arrived. */
  Latencies endToEndLatencies(RunTally tally) {
    long[] nanos = new long[started.length];
    int n = 0;
    for (int i = 0; i < started.length; i++) {
      if (tally.lastArrival(i) != 0) {
        nanos[n++] = tally.lastArrival(i) - started[i];
      }
    }
    return new Latencies(java.util.Arrays.copyOf(nanos, n));
  }
}
