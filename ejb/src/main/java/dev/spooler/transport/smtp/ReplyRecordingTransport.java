package dev.spooler.transport.smtp;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.angus.mail.smtp.SMTPMessage;
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
  private boolean pipeline;
  private List<String> rcptAhead = List.of();
  private final Deque<String> pipelined = new ArrayDeque<>();
  private boolean inSync = true;

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
    this.pipeline = supportsExtension("PIPELINING");
  }

  /**
   * False when replies to pipelined commands were left unread (the transaction ended early, e.g.
   * MAIL FROM refused): the next reply read would belong to an old command, so the connection must
   * not be reused.
   */
  synchronized boolean inSync() {
    return inSync && pipelined.isEmpty();
  }

  /**
   * With PIPELINING (RFC 2920) the RCPT TO commands leave together with MAIL FROM, computed here as
   * Angus will issue them one by one; Angus then reads their replies in order, as it would without
   * pipelining, and sends nothing for them again.
   */
  @Override
  public synchronized void sendMessage(Message message, Address[] addresses)
      throws MessagingException {
    pipelined.clear();
    rcptAhead = pipeline ? rcptCommands(message, addresses) : List.of();
    super.sendMessage(message, addresses);
  }

  /**
   * The RCPT TO lines Angus's rcptTo() sends for these addresses, with our parameters added; none
   * (no pipelining) when Angus would add a NOTIFY of its own, which the spooler never asks it to.
   */
  private List<String> rcptCommands(Message message, Address[] addresses) {
    boolean angusNotify =
        (message instanceof SMTPMessage smtp && smtp.getNotifyOptions() != 0)
            || session.getProperty("mail.smtp.dsn.notify") != null;
    if (angusNotify) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    for (Address address : addresses) {
      String mailbox = ((InternetAddress) address).getAddress();
      boolean bracketed = mailbox.startsWith("<") || mailbox.endsWith(">");
      lines.add(withParameters("RCPT TO:" + (bracketed ? mailbox : "<" + mailbox + ">")));
    }
    return lines;
  }

  private String withParameters(String rcpt) {
    String extra = rcptParameters.get(mailbox(rcpt));
    return extra == null ? rcpt : rcpt + " " + extra;
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
      if (!rcptAhead.isEmpty()) {
        super.sendCommand(sent);
        for (String rcpt : rcptAhead) {
          super.sendCommand(rcpt);
          pipelined.addLast(rcpt);
        }
        rcptAhead = List.of();
        return;
      }
    } else if (upper.startsWith("RCPT TO:")) {
      awaitingRecipient = mailbox(cmd);
      sent = withParameters(cmd);
      awaiting = Awaiting.RCPT;
      String ahead = pipelined.pollFirst();
      if (ahead != null) {
        if (!ahead.equals(sent)) {
          inSync = false;
          throw new MessagingException("pipelined " + ahead + " but Angus sends " + sent);
        }
        return; // already on its way: only its reply is read
      }
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
