package dev.spooler.submit.jms;

import java.util.List;

/**
 * The JMS properties of the {@code spooler.submit} contract (documented in {@code asyncapi.yaml}).
 * Address lists are comma-separated typed addresses, as in {@code POST /api/messages}.
 */
public final class SubmitProperties {

  /** The typed sender, e.g. {@code SMTP:alice@example.org}. Required with a MIME body. */
  public static final String SENDER = "spoolerSender";

  public static final String TO = "spoolerTo";
  public static final String CC = "spoolerCc";
  public static final String BCC = "spoolerBcc";

  /** {@code urgent}, {@code normal} or {@code non-urgent}; without it, the JMS priority decides. */
  public static final String PRIORITY = "spoolerPriority";

  /** ISO-8601 instant: not before. */
  public static final String DEFER_UNTIL = "spoolerDeferUntil";

  /** ISO-8601 instant: give up after (the JMSExpiration, if earlier, wins). */
  public static final String EXPIRES_AT = "spoolerExpiresAt";

  /** Report requests: comma-separated {@code SUCCESS}, {@code FAILURE}, {@code DELAY}, or NEVER. */
  public static final String NOTIFY = "spoolerNotify";

  /** Per-recipient report requests as a JSON object: address → list of events. */
  public static final String RECIPIENT_NOTIFY = "spoolerRecipientNotify";

  /** Echoed in every report (RFC 3461 ENVID). */
  public static final String ENVELOPE_ID = "spoolerEnvelopeId";

  /** What a failure report returns (RFC 3461 RET): {@code FULL} (the default) or {@code HDRS}. */
  public static final String RET = "spoolerRet";

  /**
   * The client's idempotency key, with either body kind: a key seen before is not accepted again.
   */
  public static final String IDEMPOTENCY_KEY = "spoolerIdempotencyKey";

  /** On a dead-lettered copy in {@code spooler.submit.rejected}: why it was refused. */
  public static final String REJECT_REASON = "spoolerRejectReason";

  /** On a dead-lettered copy: the JMSMessageID it had on {@code spooler.submit}. */
  public static final String ORIGINAL_MESSAGE_ID = "spoolerOriginalMessageId";

  /** Every property of the contract, for the test that keeps the AsyncAPI document complete. */
  public static final List<String> ALL =
      List.of(
          SENDER,
          TO,
          CC,
          BCC,
          PRIORITY,
          DEFER_UNTIL,
          EXPIRES_AT,
          NOTIFY,
          RECIPIENT_NOTIFY,
          ENVELOPE_ID,
          RET,
          IDEMPOTENCY_KEY,
          REJECT_REASON,
          ORIGINAL_MESSAGE_ID);

  private SubmitProperties() {}
}
