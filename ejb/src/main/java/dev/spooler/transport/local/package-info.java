/**
 * The LOCAL transport: delivery into a mailbox of this server's own message store, in the caller's
 * transaction (the MAPI store tightly coupled to its transport).
 */
package dev.spooler.transport.local;
