/**
 * Queue management for operators: listing what waits (queued, deferred, held, dead-lettered) and
 * the actions on it (hold, release, retry now, delete with or without an NDR, requeue from the
 * dead-letter queue), per message or for a filter, each recorded as an {@link
 * dev.spooler.management.OperatorAction}.
 */
package dev.spooler.management;
