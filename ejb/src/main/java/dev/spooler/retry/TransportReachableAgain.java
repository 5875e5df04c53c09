package dev.spooler.retry;

/** A transport's circuit closed on this node: its system answers again. */
public record TransportReachableAgain(String transport) {}
