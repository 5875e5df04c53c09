/**
 * The inbound side: IMAP/POP3 accounts polled on EJB timers, what they fetch stored and queued to
 * the post-process stage, which runs the post-processing hooks and files each message in its
 * owner's mailbox with an arrival event.
 */
package dev.spooler.inbound;
