package dev.spooler.transport.smtp;

import dev.spooler.message.MimeRenderer;
import dev.spooler.message.OutboundMessage;
import dev.spooler.transport.DeliveryOutcome;
import dev.spooler.transport.EnvelopeRecipient;
import dev.spooler.transport.Parcel;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A client of one SMTP relay: one RCPT TO per recipient, at most {@link
 * SmtpSettings#maxRecipientsPerTransaction()} recipients per SMTP transaction, and an outcome per
 * recipient from its own RCPT reply, so that one rejected recipient does not fail the others. When
 * the session breaks (a 421, a close), every answer received before stands and only the recipients
 * without one are deferred. Connections are pooled.
 */
public final class SmtpRelay implements AutoCloseable {

  private final Session session;
  private final Session utf8Session;
  private final SmtpSettings settings;
  private final SmtpConnectionPool pool;

  public SmtpRelay(SmtpSettings settings) {
    Properties properties = settings.toProperties();
    this.session = Session.getInstance(properties);
    Properties utf8 = new Properties();
    utf8.putAll(properties);
    utf8.put("mail.mime.allowutf8", "true");
    this.utf8Session = Session.getInstance(utf8);
    this.settings = settings;
    this.pool = new SmtpConnectionPool(session, utf8Session, settings, Duration.ofMinutes(1));
  }

  public Map<Long, DeliveryOutcome> send(
      OutboundMessage message, List<EnvelopeRecipient> recipients) {
    try (Lease lease = new Lease()) {
      return send(lease, message, recipients);
    }
  }

  /**
   * Sends a batch over one connection, one message after the other, for at most {@code timeout}:
   * the answers of the parcels tried, in order (see {@link
   * dev.spooler.transport.TransportProvider#sendBatch}). Several batches run at once on the pool's
   * connections; a relay that cannot be reached fails the rest of the batch at once instead of
   * being dialled again for each message.
   */
  public List<Map<Long, DeliveryOutcome>> sendBatch(List<Parcel> parcels, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    List<Map<Long, DeliveryOutcome>> answers = new ArrayList<>();
    try (Lease lease = new Lease()) {
      for (Parcel parcel : parcels) {
        if (!answers.isEmpty() && System.nanoTime() - end > 0) {
          break; // the rest go on in a later batch, untried
        }
        answers.add(send(lease, parcel.message(), parcel.recipients()));
      }
    }
    return answers;
  }

  private Map<Long, DeliveryOutcome> send(
      Lease lease, OutboundMessage message, List<EnvelopeRecipient> recipients) {
    Map<String, List<Long>> idsByMailbox = new LinkedHashMap<>();
    Map<String, String> notifyByMailbox = new HashMap<>();
    for (EnvelopeRecipient r : recipients) {
      idsByMailbox.computeIfAbsent(r.address().value(), k -> new ArrayList<>()).add(r.id());
      if (r.notifyKeywords() != null) {
        notifyByMailbox.putIfAbsent(r.address().value(), r.notifyKeywords());
      }
    }
    Map<Long, DeliveryOutcome> outcomes = new HashMap<>();
    Rendered mime = new Rendered(message);
    List<String> mailboxes = List.copyOf(idsByMailbox.keySet());
    DeliveryOutcome sessionLost = null;
    for (int from = 0; from < mailboxes.size(); from += settings.maxRecipientsPerTransaction()) {
      List<String> batch =
          mailboxes.subList(
              from, Math.min(mailboxes.size(), from + settings.maxRecipientsPerTransaction()));
      Map<String, DeliveryOutcome> byMailbox = new HashMap<>();
      if (sessionLost == null) {
        sessionLost = transaction(lease, mime, batch, notifyByMailbox, byMailbox);
      } else {
        // The relay ended the session: the rest wait for the next attempt, as an MTA's do.
        for (String mailbox : batch) {
          byMailbox.put(mailbox, sessionLost);
        }
      }
      byMailbox.forEach(
          (mailbox, outcome) -> idsByMailbox.get(mailbox).forEach(id -> outcomes.put(id, outcome)));
    }
    return outcomes;
  }

  /**
   * One SMTP transaction for {@code batch}; fills {@code byMailbox} with an outcome per mailbox.
   * Returns the outcome for recipients not yet tried when the session was lost, otherwise null.
   */
  private DeliveryOutcome transaction(
      Lease lease,
      Rendered mime,
      List<String> batch,
      Map<String, String> notifyByMailbox,
      Map<String, DeliveryOutcome> byMailbox) {
    Map<String, WireMailbox> wire = new LinkedHashMap<>();
    WireMailbox sender;
    try {
      sender = mime.returnPath.isEmpty() ? null : WireMailbox.of(mime.returnPath);
    } catch (IllegalArgumentException e) {
      DeliveryOutcome invalid =
          DeliveryOutcome.permanentFailure("5.1.7", "invalid sender domain: " + e.getMessage());
      batch.forEach(m -> byMailbox.put(m, invalid));
      return null;
    }
    for (String mailbox : batch) {
      try {
        wire.put(mailbox, WireMailbox.of(mailbox));
      } catch (IllegalArgumentException e) {
        byMailbox.put(
            mailbox,
            DeliveryOutcome.permanentFailure(
                "5.1.2", "invalid recipient domain: " + e.getMessage()));
      }
    }
    boolean needsUtf8 =
        (sender != null && sender.needsSmtpUtf8())
            || wire.values().stream().anyMatch(WireMailbox::needsSmtpUtf8);
    if (wire.isEmpty()) {
      return null;
    }
    ReplyRecordingTransport transport;
    try {
      transport = lease.borrow(needsUtf8);
    } catch (MessagingException e) {
      DeliveryOutcome failed = connectionFailure(e);
      wire.keySet().forEach(m -> byMailbox.put(m, failed));
      return failed;
    }
    boolean utf8 = needsUtf8 && transport.supportsExtension("SMTPUTF8");
    if (needsUtf8 && !utf8) {
      // RFC 6531 3.4: without SMTPUTF8 such an address cannot be sent; the others still can.
      for (var entry : List.copyOf(wire.entrySet())) {
        if ((sender != null && sender.needsSmtpUtf8()) || entry.getValue().needsSmtpUtf8()) {
          byMailbox.put(entry.getKey(), noSmtpUtf8(sender, entry.getValue()));
          wire.remove(entry.getKey());
        }
      }
    }
    MessagingException failure = null;
    boolean dsn = transport.supportsExtension("DSN");
    if (dsn) {
      // RFC 3461: the sender's report requests travel on, so the next hop reports as asked.
      Map<String, String> rcptParameters = new HashMap<>();
      wire.forEach(
          (mailbox, onWire) ->
              rcptParameters.put(
                  onWire.value(),
                  Optional.ofNullable(notifyByMailbox.get(mailbox))
                          .map(n -> "NOTIFY=" + n + " ")
                          .orElse("")
                      + "ORCPT="
                      + originalRecipient(mailbox)));
      transport.begin(mailParameters(mime.message), rcptParameters);
    } else {
      transport.begin(UnaryOperator.identity(), Map.of());
    }
    if (!wire.isEmpty()) {
      try {
        SMTPMessage message = mime.as(utf8 ? utf8Session : session);
        message.setEnvelopeFrom(sender == null ? "<>" : sender.value());
        transport.sendMessage(
            message,
            MimeRenderer.mailboxes(wire.values().stream().map(WireMailbox::value).toList()));
      } catch (SendFailedException e) {
        // Some or all recipients refused: the replies recorded say which.
      } catch (AddressException e) {
        DeliveryOutcome invalid =
            DeliveryOutcome.permanentFailure(
                "5.1.3", "invalid recipient address: " + e.getMessage());
        wire.keySet().forEach(m -> byMailbox.put(m, invalid));
        lease.release(transport, transport.inSync());
        return null;
      } catch (Unrenderable e) {
        wire.keySet().forEach(m -> byMailbox.put(m, e.outcome));
        lease.release(transport, transport.inSync());
        return null;
      } catch (MessagingException e) {
        failure = e;
      }
    }
    ReplyRecordingTransport.Replies replies = transport.replies();
    boolean broken = failure != null || replies.closing != null;
    lease.release(transport, !broken && transport.inSync());
    DeliveryOutcome lost = broken ? sessionLost(replies, failure) : null;
    wire.forEach(
        (mailbox, onWire) ->
            byMailbox.put(mailbox, outcome(replies, onWire.value(), lost).relayed(dsn)));
    return lost;
  }

  /** RFC 3461 4.3 and 4.4: the sender's RET and ENVID, on MAIL FROM. */
  private static UnaryOperator<String> mailParameters(OutboundMessage message) {
    String ret = message.ret() == null ? "" : " RET=" + message.ret();
    String envelopeId =
        message.envelopeId() == null
            ? ""
            : " ENVID=" + ReplyRecordingTransport.xtextOf(message.envelopeId());
    return mailFrom -> mailFrom + ret + envelopeId;
  }

  /**
   * RFC 3461 4.2 ORCPT: the address as the sender gave it, {@code rfc822;} in xtext, or {@code
   * utf-8;} (RFC 6533) for a non-ASCII one, whose {@code +}, {@code =} and controls are escaped.
   */
  private static String originalRecipient(String mailbox) {
    if (mailbox.chars().allMatch(c -> c < 0x80)) {
      return "rfc822;" + ReplyRecordingTransport.xtextOf(mailbox);
    }
    StringBuilder escaped = new StringBuilder("utf-8;");
    mailbox
        .codePoints()
        .forEach(
            c -> {
              if (c == '+' || c == '=' || c < 0x21 || c == 0x7f) {
                escaped
                    .append("\\x{")
                    .append(Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT))
                    .append('}');
              } else {
                escaped.appendCodePoint(c);
              }
            });
    return escaped.toString();
  }

  private static DeliveryOutcome noSmtpUtf8(WireMailbox sender, WireMailbox recipient) {
    String who =
        sender != null && sender.needsSmtpUtf8()
            ? "the sender " + sender.value()
            : "the recipient " + recipient.value();
    return DeliveryOutcome.permanentFailure(
        "5.6.7",
        "smtp; the relay does not offer SMTPUTF8 (RFC 6531), needed for "
            + who
            + " (a non-ASCII local part)");
  }

  /** The message as MIME, rendered once per kind of session it is sent in. */
  private static final class Rendered {
    final OutboundMessage message;
    private final String returnPath;
    private final Map<Session, SMTPMessage> bySession = new HashMap<>();

    Rendered(OutboundMessage message) {
      this.message = message;
      this.returnPath = message.returnPath();
    }

    SMTPMessage as(Session session) throws Unrenderable {
      SMTPMessage rendered = bySession.get(session);
      if (rendered == null) {
        try {
          rendered = new MimeRenderer(session).render(message);
        } catch (MessagingException e) {
          throw new Unrenderable(
              DeliveryOutcome.permanentFailure(
                  "5.6.0", "message cannot be rendered as MIME: " + e.getMessage()));
        }
        bySession.put(session, rendered);
      }
      return rendered;
    }
  }

  /** The message cannot be written as MIME: a permanent failure for every recipient. */
  private static final class Unrenderable extends MessagingException {
    private final transient DeliveryOutcome outcome;

    Unrenderable(DeliveryOutcome outcome) {
      super(outcome.diagnostic());
      this.outcome = outcome;
    }
  }

  /** A recipient's outcome from the replies of its transaction. */
  private static DeliveryOutcome outcome(
      ReplyRecordingTransport.Replies replies, String mailbox, DeliveryOutcome lost) {
    SmtpReply rcpt = replies.recipients.get(mailbox);
    if (rcpt == null || rcpt.code() < 200) {
      // Never asked for, or asked when the session died: the refused sender, or the session.
      if (replies.mailFrom != null && replies.mailFrom.code() >= 300) {
        return replies.mailFrom.toOutcome();
      }
      return lost != null ? lost : unanswered();
    }
    if (rcpt.code() >= 300 && rcpt.code() != 421) {
      return rcpt.toOutcome();
    }
    if (rcpt.code() == 421) {
      return lost;
    }
    if (replies.data != null && replies.data.code() >= 400) {
      return replies.data.toOutcome();
    }
    if (replies.endOfData != null && replies.endOfData.code() >= 200) {
      return replies.endOfData.toOutcome();
    }
    // Accepted as a recipient, but the message was not (fully) sent.
    return lost != null ? lost : unanswered();
  }

  /** What the recipients get that the relay did not answer before it ended the session. */
  private static DeliveryOutcome sessionLost(
      ReplyRecordingTransport.Replies replies, MessagingException failure) {
    if (replies.closing != null && replies.closing.code() == 421) {
      return replies.closing.toOutcome();
    }
    if (failure != null) {
      return connectionFailure(failure);
    }
    return DeliveryOutcome.transientFailure("4.4.2", "smtp; relay closed the connection");
  }

  private static DeliveryOutcome unanswered() {
    return DeliveryOutcome.transientFailure("4.4.2", "smtp; no answer from the relay");
  }

  @Override
  public void close() {
    pool.close();
  }

  /**
   * The connection one batch (or one message) uses: kept from one message to the next instead of
   * going back to the pool and being checked with a NOOP each time. A relay that refused to connect
   * refuses the batch's other messages too, without being dialled again.
   */
  private final class Lease implements AutoCloseable {
    private ReplyRecordingTransport held;
    private MessagingException refused;

    ReplyRecordingTransport borrow(boolean utf8) throws MessagingException {
      if (refused != null) {
        throw refused;
      }
      if (held != null && held.utf8() == utf8) {
        return held;
      }
      close();
      try {
        held = pool.borrow(utf8);
      } catch (MessagingException e) {
        refused = e;
        throw e;
      }
      return held;
    }

    /** A transaction is over; a connection that may be broken is closed, not kept. */
    void release(ReplyRecordingTransport transport, boolean reusable) {
      if (!reusable) {
        pool.release(transport, false);
        held = null;
      }
    }

    @Override
    public void close() {
      if (held != null) {
        pool.release(held, true);
        held = null;
      }
    }
  }

  private static DeliveryOutcome connectionFailure(MessagingException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String what = cause instanceof IOException ? "cannot talk to relay" : "relay session failed";
    return DeliveryOutcome.transientFailure("4.4.1", what + ": " + describe(cause));
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
