/** Operations: health (serving, readiness, liveness), queue depths, the transport overview. */
package dev.spooler.ops;
