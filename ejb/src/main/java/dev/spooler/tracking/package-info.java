/**
 * Message tracking: every status change of every recipient, and every operator action on it, in a
 * log kept for {@code spooler.tracking.retention}, queryable by message, Message-ID, sender or
 * recipient.
 */
package dev.spooler.tracking;
