/**
 * In-process notifications: CDI events fired inside the transaction of the change they describe.
 * Observers that push to clients observe them after commit; {@link dev.spooler.notify.EventTopic},
 * the bridge to the JMS topic {@code spooler.events}, observes them inside it, so that its messages
 * commit with the change.
 */
package dev.spooler.notify;
