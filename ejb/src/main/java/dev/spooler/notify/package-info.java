/**
 * In-process notifications: CDI events fired inside the transaction of the change they describe.
 * Observers that push to clients observe them after commit.
 */
package dev.spooler.notify;
