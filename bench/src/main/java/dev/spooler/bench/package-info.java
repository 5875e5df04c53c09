/**
 * The load benchmark of issue 11 (README "Benchmark", docs/performance.md): runs the provisioned
 * server ({@link dev.spooler.bench.BenchServer}), an SMTP sink that counts what arrives ({@link
 * dev.spooler.bench.SmtpSink}), and REST or JMS clients, and prints one JSON line per workload. Not
 * a test: built only in the Maven profile {@code bench}.
 */
package dev.spooler.bench;
