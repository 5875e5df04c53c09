package dev.spooler.inbound;

/** What became of a message handed to a mailbox. */
public enum Filing {
  FILED,
  /** It had already arrived in this mailbox: a redelivery, filed once. */
  ALREADY_FILED,
  NO_MAILBOX
}
