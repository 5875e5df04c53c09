/**
 * The JMS transport: forwards a message to a queue of another application as RFC 5322 MIME bytes,
 * inside the dispatcher's transaction.
 */
package dev.spooler.transport.jms;
