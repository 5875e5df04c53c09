package dev.spooler.mailbox;

import jakarta.ejb.ApplicationException;

/** A mailbox request that cannot be carried out as asked (unknown folder, bad name). */
@ApplicationException(rollback = true)
public class InvalidMailboxRequestException extends RuntimeException {

  public InvalidMailboxRequestException(String message) {
    super(message);
  }
}
