package dev.spooler.retry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One circuit per transport on this node, configured by {@code spooler.circuit.probe-interval}
 * (default PT30S) and {@code spooler.circuit.probe-timeout} (default PT2M).
 */
@ApplicationScoped
public class TransportCircuits {

  @Inject
  @ConfigProperty(name = "spooler.circuit.probe-interval", defaultValue = "PT30S")
  Duration probeInterval;

  @Inject
  @ConfigProperty(name = "spooler.circuit.probe-timeout", defaultValue = "PT2M")
  Duration probeTimeout;

  private final ConcurrentMap<String, TransportCircuit> circuits = new ConcurrentHashMap<>();

  public TransportCircuit of(String transport) {
    return circuits.computeIfAbsent(
        transport, name -> new TransportCircuit(probeInterval, probeTimeout));
  }
}
