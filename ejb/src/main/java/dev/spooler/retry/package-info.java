/**
 * Store and forward: when to try a deferred recipient again, when to give up, and how a recipient
 * whose stage message was lost with a node (or locked in its in-doubt transaction) is sent on.
 */
package dev.spooler.retry;
