package dev.spooler.message;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Creates local users' mailboxes. In its own transaction, so that two deliveries racing to create
 * the same new mailbox do not fail their callers: the loser finds the winner's mailbox.
 */
@Stateless
public class MailboxDirectory {

  @Inject private MailboxRepository mailboxes;

  /** Creates the mailbox now and commits it; fails if another transaction created it first. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void create(String owner) {
    mailboxes.create(owner);
  }
}
