package dev.spooler.retry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One circuit per transport on this node, configured by {@code spooler.circuit.probe-interval}
 * (default PT10S) and {@code spooler.circuit.probe-timeout} (default PT2M). A circuit that closes
 * fires {@link TransportReachableAgain} in the transaction of the send that closed it.
 */
@ApplicationScoped
public class TransportCircuits {

  @Inject
  @ConfigProperty(name = "spooler.circuit.probe-interval", defaultValue = "PT10S")
  Duration probeInterval;

  @Inject
  @ConfigProperty(name = "spooler.circuit.probe-timeout", defaultValue = "PT2M")
  Duration probeTimeout;

  @Inject Event<TransportReachableAgain> reachableAgain;

  private final ConcurrentMap<String, TransportCircuit> circuits = new ConcurrentHashMap<>();

  public TransportCircuit of(String transport) {
    return circuits.computeIfAbsent(
        transport,
        name ->
            new TransportCircuit(
                probeInterval,
                probeTimeout,
                () -> reachableAgain.fire(new TransportReachableAgain(name))));
  }
}
