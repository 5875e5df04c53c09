/** Operations: health checks, and later queue management and metrics. */
package dev.spooler.ops;
