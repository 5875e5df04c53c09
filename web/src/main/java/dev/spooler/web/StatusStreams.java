package dev.spooler.web;

import dev.spooler.message.RecipientStatusChanged;
import dev.spooler.notify.StatusFeed;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The consoles' SSE streams: one {@code status} event per committed recipient status change. No
 * replay: a console that reconnects reloads its views. A comment every 20 s finds closed streams.
 */
@ApplicationScoped
public class StatusStreams {

  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject private StatusFeed feed;
  @Resource private ManagedScheduledExecutorService scheduler;

  private final Set<SseChannel> open = ConcurrentHashMap.newKeySet();
  private AutoCloseable listening;
  private ScheduledFuture<?> keepalive;

  @PostConstruct
  void start() {
    listening = feed.listen(this::broadcast);
    keepalive =
        scheduler.scheduleAtFixedRate(
            () -> open.forEach(SseChannel::ping), 20, 20, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    keepalive.cancel(false);
    try {
      listening.close();
    } catch (Exception e) {
      // the feed goes away with the deployment either way
    }
    open.forEach(SseChannel::close);
  }

  void open(SseEventSink sink, Sse sse) {
    SseChannel channel = new SseChannel(sink, sse, open::remove);
    open.add(channel);
    // Tells the console it is connected, so that it can (re)load its views without missing changes.
    channel.send(channel.event().name("connected").data("{}").build());
  }

  private void broadcast(RecipientStatusChanged change) {
    String json = JSON.toJson(change);
    for (SseChannel channel : open) {
      channel.send(
          channel
              .event()
              .name("status")
              .mediaType(MediaType.APPLICATION_JSON_TYPE)
              .data(json)
              .build());
    }
  }
}
