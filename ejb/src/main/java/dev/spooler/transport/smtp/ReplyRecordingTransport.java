package dev.spooler.transport.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP client, keeping every reply of the current transaction: Angus reports the RCPT
 * replies only when the whole {@code sendMessage} ends, so a session that breaks after twenty RCPT
 * answers (a 421 and a close) would otherwise lose all twenty. It also lets the spooler add
 * parameters Angus cannot: a per-recipient {@code ORCPT}, and {@code SMTPUTF8} only on the
 * transactions that need it.
 */
final class ReplyRecordingTransport extends SMTPTransport {

  /** What the relay answered in one transaction; a code of -1 means no answer (EOF). */
  static final class Replies {
    SmtpReply mailFrom;
    final Map<String, SmtpReply> recipients = new LinkedHashMap<>();
    SmtpReply data;
    SmtpReply endOfData;
    SmtpReply closing;
  }

  private enum Awaiting {
    NOTHING,
    MAIL_FROM,
    RCPT,
    DATA,
    END_OF_DATA
  }

  private Replies replies = new Replies();
  private Awaiting awaiting = Awaiting.NOTHING;
  private String awaitingRecipient;
  private UnaryOperator<String> mailFromRewrite = UnaryOperator.identity();
  private Map<String, String> rcptParameters = Map.of();

  private final boolean utf8;

  ReplyRecordingTransport(Session session, URLName url, boolean utf8) {
    super(session, url);
    this.utf8 = utf8;
  }

  /**
   * RFC 3461 4: a parameter value as xtext ({@code +} and {@code =} and controls as {@code +XX}).
   */
  static String xtextOf(String value) {
    return xtext(value);
  }

  /** Whether this connection's session sends commands in UTF-8 ({@code mail.mime.allowutf8}). */
  boolean utf8() {
    return utf8;
  }

  /**
   * Starts a new transaction's record.
   *
   * @param mailFromRewrite changes the MAIL FROM command as Angus built it (adds or drops
   *     parameters)
   * @param rcptParameters extra RCPT TO parameters by mailbox as sent
   */
  synchronized void begin(
      UnaryOperator<String> mailFromRewrite, Map<String, String> rcptParameters) {
    this.replies = new Replies();
    this.mailFromRewrite = mailFromRewrite;
    this.rcptParameters = rcptParameters;
  }

  /** The replies of the transaction begun last. */
  synchronized Replies replies() {
    return replies;
  }

  @Override
  protected void sendCommand(String cmd) throws MessagingException {
    String upper = cmd.toUpperCase(Locale.ROOT);
    String sent = cmd;
    awaiting = Awaiting.NOTHING;
    if (upper.startsWith("MAIL FROM:")) {
      sent = mailFromRewrite.apply(cmd);
      awaiting = Awaiting.MAIL_FROM;
    } else if (upper.startsWith("RCPT TO:")) {
      awaitingRecipient = mailbox(cmd);
      String extra = rcptParameters.get(awaitingRecipient);
      sent = extra == null ? cmd : cmd + " " + extra;
      awaiting = Awaiting.RCPT;
    } else if (upper.equals("DATA")) {
      awaiting = Awaiting.DATA;
    } else if (upper.equals(".")) {
      awaiting = Awaiting.END_OF_DATA;
    }
    super.sendCommand(sent);
  }

  @Override
  protected int readServerResponse() throws MessagingException {
    Awaiting what = awaiting;
    awaiting = Awaiting.NOTHING;
    int code;
    try {
      code = super.readServerResponse();
    } catch (MessagingException e) {
      SmtpReply lost = SmtpReply.of(-1, "connection lost: " + e.getMessage());
      record(what, lost);
      if (replies.closing == null) { // the 421 that ended the session says more than the EOF after
        replies.closing = lost;
      }
      throw e;
    }
    SmtpReply reply = SmtpReply.of(code, getLastServerResponse());
    record(what, reply);
    if ((code == 421 || code == -1) && replies.closing == null) {
      replies.closing = reply;
    }
    return code;
  }

  private void record(Awaiting what, SmtpReply reply) {
    switch (what) {
      case MAIL_FROM -> replies.mailFrom = reply;
      case RCPT -> replies.recipients.put(awaitingRecipient, reply);
      case DATA -> replies.data = reply;
      case END_OF_DATA -> replies.endOfData = reply;
      case NOTHING -> {}
    }
  }

  private static String mailbox(String rcpt) {
    int open = rcpt.indexOf('<');
    int close = rcpt.indexOf('>', open + 1);
    return open >= 0 && close > open ? rcpt.substring(open + 1, close) : rcpt.substring(8).trim();
  }
}
