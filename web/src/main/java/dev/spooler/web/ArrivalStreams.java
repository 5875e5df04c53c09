package dev.spooler.web;

import dev.spooler.mailbox.MailboxService;
import dev.spooler.notify.ArrivalFeed;
import dev.spooler.notify.MessageArrived;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The open SSE streams of mailbox arrivals. Each stream listens before it replays what the client
 * missed, and sends each entry at most once and in order of discovery, so nothing falls between
 * replay and live events. A comment every 20 s finds streams whose client went away.
 */
@ApplicationScoped
public class ArrivalStreams {

  private static final Jsonb JSON = JsonbBuilder.create();
  private static final int MAX_REMEMBERED = 10_000;

  @Inject private ArrivalFeed feed;
  @EJB private MailboxService mailboxes;

  @Resource private ManagedScheduledExecutorService scheduler;

  private final Set<Stream> open = ConcurrentHashMap.newKeySet();
  private ScheduledFuture<?> keepalive;

  @PostConstruct
  void start() {
    keepalive = scheduler.scheduleAtFixedRate(this::keepalive, 20, 20, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    keepalive.cancel(false);
    open.forEach(Stream::close);
  }

  void open(String owner, String lastEventId, SseEventSink sink, Sse sse) {
    String mailbox = owner.toLowerCase(Locale.ROOT);
    long lastSeen = parse(lastEventId);
    Stream stream = new Stream(sink, sse, lastSeen);
    open.add(stream);
    // Listen first, then replay under the stream's lock: an arrival committed meanwhile is
    // either in the replay or comes live afterwards, and is sent once.
    synchronized (stream) {
      stream.listening = feed.listen(mailbox, stream::send);
      if (lastSeen >= 0) {
        mailboxes.arrivalsAfter(mailbox, lastSeen).forEach(stream::send);
      }
    }
  }

  private void keepalive() {
    open.forEach(Stream::ping);
  }

  private static long parse(String lastEventId) {
    try {
      return lastEventId == null ? -1 : Long.parseLong(lastEventId.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private final class Stream {
    private final SseChannel channel;
    private final Set<Long> sent = ConcurrentHashMap.newKeySet();
    private final long lastSeen;
    private volatile AutoCloseable listening;

    Stream(SseEventSink sink, Sse sse, long lastSeen) {
      this.channel = new SseChannel(sink, sse, closed -> stopListening());
      this.lastSeen = lastSeen;
    }

    synchronized void send(MessageArrived arrival) {
      if (arrival.entryId() <= lastSeen || !sent.add(arrival.entryId())) {
        return; // the client has it already (replayed and live at once, or before it reconnected)
      }
      if (sent.size() > MAX_REMEMBERED) {
        // ids only repeat between replay and live, which are close together
        long newest = arrival.entryId();
        sent.removeIf(id -> id < newest - MAX_REMEMBERED / 2);
      }
      channel.send(
          channel
              .event()
              .id(Long.toString(arrival.entryId()))
              .name("arrival")
              .mediaType(MediaType.APPLICATION_JSON_TYPE)
              .data(JSON.toJson(arrival))
              .build());
    }

    synchronized void ping() {
      channel.ping();
    }

    void close() {
      channel.close();
    }

    private void stopListening() {
      open.remove(this);
      try {
        if (listening != null) {
          listening.close();
        }
      } catch (Exception e) {
        // the client is gone either way
      }
    }
  }
}
