package dev.spooler.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sink received for one run: recipients per message sequence number, when the last one
 * arrived, and (Message-ID, recipient) pairs seen more than once. Written by the sink thread only;
 * others read the counters.
 */
final class RunTally {

  private final long[] lastArrival;
  private final Set<String> pairs = new HashSet<>();
  private final Set<String> messageIds = new HashSet<>();
  private final AtomicLong recipients = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private volatile int distinctMessages;
  private volatile long lastAny;

  RunTally(int messages) {
    lastArrival = new long[messages];
  }

  void arrived(int seq, String messageId, List<String> to, long nanos) {
    if (seq >= 0 && seq < lastArrival.length) {
      lastArrival[seq] = Math.max(lastArrival[seq], nanos);
    }
    lastAny = nanos;
    if (messageIds.add(messageId)) {
      distinctMessages = messageIds.size();
    }
    for (String rcpt : to) {
      if (!pairs.add(messageId + ' ' + rcpt)) {
        duplicates.incrementAndGet();
      }
    }
    recipients.addAndGet(to.size());
  }

  /** Recipients counted, duplicates included. */
  long recipients() {
    return recipients.get();
  }

  long duplicates() {
    return duplicates.get();
  }

  int distinctMessages() {
    return distinctMessages;
  }

  /** When the latest recipient of the run arrived (System.nanoTime), 0 if none. */
  long lastArrival() {
    return lastAny;
  }

  /** When the last recipient of message {@code seq} arrived (System.nanoTime), 0 if none. */
  long lastArrival(int seq) {
    return lastArrival[seq];
  }
}
