/**
 * The JMS port: the spooler's stages talk to each other only through the past-tense methods of
 * {@link dev.spooler.queue.SpoolQueues}, which send claim checks, never content; {@link
 * dev.spooler.queue.ClientReplies} answers the JMS clients that asked for replies.
 */
package dev.spooler.queue;
