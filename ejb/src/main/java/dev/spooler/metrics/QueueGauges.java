package dev.spooler.metrics;

import dev.spooler.ops.BrokerQueues;
import dev.spooler.ops.QueueDepths;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Queue depths as gauges, read when scraped: waiting recipients per state (the store) and messages
 * per broker queue. The registry holds a gauge's source weakly: this singleton keeps them for as
 * long as the deployment lives, and removes the gauges when it goes, so that a redeployed spooler
 * registers its own.
 */
@Singleton
@Startup
public class QueueGauges {

  static final String RECIPIENTS = "spooler.queue.recipients";
  static final String MESSAGES = "spooler.broker.queue.messages";
  static final String SCHEDULED = "spooler.broker.queue.scheduled";

  @Inject private MeterRegistry registry;
  @Inject private BrokerQueues broker;
  @EJB private QueueDepths depths;

  private record Source(String name, Tags tags, Supplier<Number> read) {}

  private final List<Source> sources = new ArrayList<>();

  @PostConstruct
  void register() {
    for (String state : List.of("queued", "deferred", "held")) {
      gauge(RECIPIENTS, Tags.of("state", state), () -> depths.recipients().get(state));
    }
    for (String queue : BrokerQueues.QUEUES) {
      gauge(MESSAGES, Tags.of("queue", queue), () -> orNaN(broker.messages(queue)));
      gauge(SCHEDULED, Tags.of("queue", queue), () -> orNaN(broker.scheduled(queue)));
    }
  }

  @PreDestroy
  void remove() {
    for (Source source : sources) {
      registry.find(source.name()).tags(source.tags()).meters().forEach(registry::remove);
    }
  }

  // Convenience method, not Gauge.builder: see DeliveryMeters for why.
  private void gauge(String name, Tags tags, Supplier<Number> read) {
    Source source = new Source(name, tags, read);
    sources.add(source);
    registry.gauge(name, tags, source, s -> s.read().get().doubleValue());
  }

  private static Number orNaN(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : Double.NaN;
  }
}
