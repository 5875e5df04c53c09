package dev.spooler.listener;

/**
 * What a listener does with a mail transaction: which senders and recipients it takes, and where a
 * message goes once its data is in. Each answer is an SMTP reply with an enhanced status code.
 */
interface MailDrop {

  /** The answer to a RCPT: the address to store, or the refusal. */
  record Verdict(String stored, String refusal) {
    static Verdict take(String stored) {
      return new Verdict(stored, null);
    }

    static Verdict refuse(String reply) {
      return new Verdict(null, reply);
    }
  }

  /** Null when the session may send from {@code reversePath} (empty: the null reverse path). */
  String refuseSender(SessionState session, String reversePath);

  Verdict recipient(SessionState session, String address);

  /**
   * Stores the message and answers 250 only once its transaction committed; a failure to store is a
   * 4xx, so that the client keeps it and tries again.
   */
  String deliver(SessionState session, SmtpTransaction transaction, Stamped message);

  /** Whether the listener adds Return-Path (it delivers finally, as an MX does). */
  boolean deliversFinally();
}
