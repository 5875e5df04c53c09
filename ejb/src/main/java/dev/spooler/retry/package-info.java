/** Store and forward: when to try a deferred recipient again, and when to give up. */
package dev.spooler.retry;
