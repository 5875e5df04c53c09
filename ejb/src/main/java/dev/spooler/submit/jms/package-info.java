/**
 * The JMS submit endpoint for other applications: queue {@code spooler.submit} (JSON or MIME), the
 * replies to JMSReplyTo, and the dead-letter queue {@code spooler.submit.rejected}. The contract is
 * {@code /api/asyncapi.yaml}.
 */
package dev.spooler.submit.jms;
