/**
 * The transport stage: a dispatch taken from the queue is sent through its transport provider, and
 * each recipient's outcome is recorded through the retry policy (delivered, deferred until a time,
 * failed) with its tracking, events and reports, in the stage's transaction.
 */
package dev.spooler.dispatch;
