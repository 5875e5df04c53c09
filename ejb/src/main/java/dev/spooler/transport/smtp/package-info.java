/**
 * The SMTP transport provider: hands messages to the configured relay with Jakarta Mail, and turns
 * each SMTP reply into a per-recipient outcome (where an SMTP 4xx becomes a retry).
 */
package dev.spooler.transport.smtp;
