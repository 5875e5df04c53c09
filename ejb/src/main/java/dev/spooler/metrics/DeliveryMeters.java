package dev.spooler.metrics;

import dev.spooler.message.RecipientStatus;
import dev.spooler.message.RecipientStatusChanged;
import dev.spooler.notify.RecipientsRouted;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;

/**
 * Counts recipients as they flow, per transport: submitted (handed to it by routing), delivered,
 * deferred, failed; and measures accepted → final. Counted after commit, so that a rolled-back
 * attempt (which will be made again) is not counted twice.
 *
 * <p>Only the registry's convenience methods ({@code counter(name, tags)}, {@code timer(name,
 * tags)}) are used: WildFly 39's per-deployment registry forwards those to the server's registry,
 * but a meter made with a builder stays in the deployment's own registry and is never scraped, and
 * its configuration (a timer's histogram) cannot be set. So the latency histogram is a timer
 * (count, sum, max) plus one cumulative counter per bucket, labelled {@code le} as Prometheus
 * histograms are, which {@code histogram_quantile} reads.
 */
@ApplicationScoped
public class DeliveryMeters {

  static final String SUBMITTED = "spooler.recipients.submitted";
  static final String DELIVERED = "spooler.recipients.delivered";
  static final String DEFERRED = "spooler.recipients.deferred";
  static final String FAILED = "spooler.recipients.failed";
  static final String LATENCY = "spooler.delivery.latency";
  static final String LATENCY_BUCKET = "spooler.delivery.latency.histogram";

  /** The transport tag of a recipient no transport took (unroutable). */
  static final String NO_TRANSPORT = "none";

  @Inject private MeterRegistry registry;

  void routed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecipientsRouted routed) {
    registry.counter(SUBMITTED, "transport", routed.transport()).increment(routed.count());
  }

  void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecipientStatusChanged change) {
    String transport = change.transport() == null ? NO_TRANSPORT : change.transport();
    String name =
        switch (change.status()) {
          case DELIVERED -> DELIVERED;
          case DEFERRED -> DEFERRED;
          case FAILED -> FAILED;
          default -> null; // held or released: an operator's doing, in the tracking log
        };
    if (name == null) {
      return;
    }
    registry.counter(name, "transport", transport).increment();
    if (change.status().isFinal() && change.acceptedAt() != null) {
      recordLatency(transport, change.status(), Duration.between(change.acceptedAt(), change.at()));
    }
  }

  private void recordLatency(String transport, RecipientStatus outcome, Duration latency) {
    Tags tags = Tags.of("transport", transport, "outcome", outcome.name().toLowerCase(Locale.ROOT));
    registry.timer(LATENCY, tags).record(latency);
    for (String le : LatencyBuckets.containing(latency)) {
      registry.counter(LATENCY_BUCKET, tags.and("le", le)).increment();
    }
  }
}
