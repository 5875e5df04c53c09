/**
 * Local users' mailboxes as a mail client sees them: folders, pages, reading, moving and deleting,
 * and the Outbox / Sent Items bookkeeping of the messages a local user submits.
 */
package dev.spooler.mailbox;
