package dev.spooler.ops;

import dev.spooler.retry.TransportCircuit;
import dev.spooler.transport.TransportHealth;
import java.util.List;

/** One transport provider as operators see it: what it handles, whether it is up, what it did. */
public record TransportStatus(
    String name,
    List<String> addressTypes,
    boolean enabled,
    TransportHealth health,
    TransportCircuit.State circuit,
    long delivered,
    long deferred,
    long failed) {}
