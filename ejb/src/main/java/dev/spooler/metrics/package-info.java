/**
 * Application metrics through the server's Micrometer registry (WildFly's micrometer subsystem,
 * scraped at the management interface's {@code /prometheus}): recipients per transport and outcome,
 * accepted → final latency, queue depths.
 */
package dev.spooler.metrics;
