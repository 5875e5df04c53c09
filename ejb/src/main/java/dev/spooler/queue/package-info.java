/**
 * The JMS port: the spooler's stages talk to each other only through the past-tense methods of
 * {@link dev.spooler.queue.SpoolQueues}, which send claim checks ({@link
 * dev.spooler.queue.Dispatch}), never content.
 */
package dev.spooler.queue;
