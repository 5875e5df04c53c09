package dev.spooler.transport.smtp;

import dev.spooler.message.MimeRenderer;
import dev.spooler.message.OutboundMessage;
import dev.spooler.transport.DeliveryOutcome;
import dev.spooler.transport.EnvelopeRecipient;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * A client of one SMTP relay: one SMTP transaction per message with one RCPT TO per recipient, and
 * an outcome per recipient from its own RCPT reply, so that one rejected recipient does not fail
 * the others. Connections are pooled.
 */
public final class SmtpRelay implements AutoCloseable {

  private final Session session;
  private final SmtpConnectionPool pool;

  public SmtpRelay(SmtpSettings settings) {
    this.session = Session.getInstance(settings.toProperties());
    this.pool = new SmtpConnectionPool(session, settings, Duration.ofMinutes(1));
  }

  public Map<Long, DeliveryOutcome> send(
      OutboundMessage message, List<EnvelopeRecipient> recipients) {
    Map<String, Long> idByMailbox = new LinkedHashMap<>();
    recipients.forEach(r -> idByMailbox.put(r.address().value(), r.id()));
    MimeMessage mime;
    InternetAddress[] envelope;
    try {
      mime = new MimeRenderer(session).render(message);
      envelope = MimeRenderer.mailboxes(List.copyOf(idByMailbox.keySet()));
    } catch (MessagingException e) {
      return all(
          idByMailbox,
          DeliveryOutcome.permanentFailure(
              "5.6.0", "message cannot be rendered as MIME: " + e.getMessage()));
    }
    Transport transport;
    try {
      transport = pool.borrow();
    } catch (MessagingException e) {
      return all(idByMailbox, connectionFailure(e));
    }
    boolean reusable = false;
    try {
      transport.sendMessage(mime, envelope);
      reusable = true;
      String reply = ((SMTPTransport) transport).getLastServerResponse();
      return all(idByMailbox, SmtpReply.parse(reply).toOutcome());
    } catch (SendFailedException e) {
      reusable = true; // a refused envelope leaves the session usable (the client sent RSET)
      return perRecipient(idByMailbox, e);
    } catch (MessagingException e) {
      return all(idByMailbox, connectionFailure(e));
    } finally {
      pool.release(transport, reusable);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  private static DeliveryOutcome connectionFailure(MessagingException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String what = cause instanceof IOException ? "cannot talk to relay" : "relay session failed";
    return DeliveryOutcome.transientFailure("4.4.1", what + ": " + describe(cause));
  }

  /** Reads the per-recipient replies of a partly or wholly failed transaction. */
  private static Map<Long, DeliveryOutcome> perRecipient(
      Map<String, Long> idByMailbox, SendFailedException e) {
    Map<String, DeliveryOutcome> byMailbox = new HashMap<>();
    for (Exception next = e; next != null; next = nextOf(next)) {
      if (next instanceof SMTPAddressFailedException failed) {
        byMailbox.put(
            failed.getAddress().getAddress(),
            SmtpReply.of(failed.getReturnCode(), failed.getMessage()).toOutcome());
      }
    }
    DeliveryOutcome transaction =
        e instanceof SMTPSendFailedException whole
            ? SmtpReply.of(whole.getReturnCode(), whole.getMessage()).toOutcome()
            : DeliveryOutcome.transientFailure("4.0.0", "smtp; " + e.getMessage());
    boolean dataAccepted = transaction.kind() == DeliveryOutcome.Kind.DELIVERED;
    DeliveryOutcome sent =
        dataAccepted ? transaction : DeliveryOutcome.delivered("2.0.0", "smtp; accepted");
    DeliveryOutcome unsent =
        dataAccepted
            ? DeliveryOutcome.transientFailure("4.0.0", "smtp; not sent: " + e.getMessage())
            : transaction;
    for (Address a : orEmpty(e.getValidSentAddresses())) {
      byMailbox.putIfAbsent(((InternetAddress) a).getAddress(), sent);
    }
    for (Address a : orEmpty(e.getValidUnsentAddresses())) {
      byMailbox.putIfAbsent(((InternetAddress) a).getAddress(), unsent);
    }
    for (Address a : orEmpty(e.getInvalidAddresses())) {
      byMailbox.putIfAbsent(
          ((InternetAddress) a).getAddress(),
          DeliveryOutcome.permanentFailure("5.1.3", "smtp; refused by relay: " + e.getMessage()));
    }
    Map<Long, DeliveryOutcome> outcomes = new HashMap<>();
    idByMailbox.forEach((mailbox, id) -> outcomes.put(id, byMailbox.getOrDefault(mailbox, unsent)));
    return outcomes;
  }

  private static Exception nextOf(Exception e) {
    return e instanceof MessagingException m ? m.getNextException() : null;
  }

  private static Address[] orEmpty(Address[] addresses) {
    return addresses == null ? new Address[0] : addresses;
  }

  private static Map<Long, DeliveryOutcome> all(Map<String, Long> idByMailbox, DeliveryOutcome o) {
    Map<Long, DeliveryOutcome> outcomes = new HashMap<>();
    idByMailbox.values().forEach(id -> outcomes.put(id, o));
    return outcomes;
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
