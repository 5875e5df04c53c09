package dev.spooler.transport.smtp;

import dev.spooler.transport.DeliveryOutcome;
import dev.spooler.transport.EnvelopeRecipient;
import dev.spooler.transport.OutboundMessage;
import dev.spooler.transport.TransportProvider;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends to the SMTP relay configured in the server's mail session {@code java:jboss/mail/Spooler}:
 * one SMTP transaction with one RCPT TO per recipient, and an outcome per recipient from its own
 * RCPT reply, so that one rejected recipient does not fail the others.
 */
@ApplicationScoped
public class SmtpTransport implements TransportProvider {

  public static final String NAME = "smtp";

  @Resource(lookup = "java:jboss/mail/Spooler")
  private Session configured;

  private Session session;

  @PostConstruct
  void openSession() {
    Properties properties = new Properties();
    properties.putAll(configured.getProperties());
    // Deliver to the recipients the relay accepted even when it refused some of them.
    properties.put("mail.smtp.sendpartial", "true");
    // A relay that hangs must become a transient failure, not a stuck stage.
    properties.putIfAbsent("mail.smtp.connectiontimeout", "10000");
    properties.putIfAbsent("mail.smtp.timeout", "60000");
    properties.putIfAbsent("mail.smtp.writetimeout", "60000");
    session = Session.getInstance(properties);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> addressTypes() {
    return Set.of(dev.spooler.routing.Address.SMTP);
  }

  @Override
  public Map<Long, DeliveryOutcome> send(
      OutboundMessage message, List<EnvelopeRecipient> recipients) {
    Map<String, Long> idByMailbox = new LinkedHashMap<>();
    recipients.forEach(r -> idByMailbox.put(r.address().value(), r.id()));
    MimeMessage mime;
    InternetAddress[] envelope;
    try {
      mime = new SmtpMessageRenderer(session).render(message);
      envelope = mailboxes(List.copyOf(idByMailbox.keySet()));
    } catch (MessagingException e) {
      return all(
          idByMailbox,
          DeliveryOutcome.permanentFailure(
              "5.6.0", "message cannot be rendered as MIME: " + e.getMessage()));
    }
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(mime, envelope);
      String reply = ((SMTPTransport) transport).getLastServerResponse();
      return all(idByMailbox, SmtpReply.parse(reply).toOutcome());
    } catch (SendFailedException e) {
      return perRecipient(idByMailbox, e);
    } catch (MessagingException e) {
      return all(idByMailbox, connectionFailure(e));
    }
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
    DeliveryOutcome transactionOutcome =
        e instanceof SMTPSendFailedException whole
            ? SmtpReply.of(whole.getReturnCode(), whole.getMessage()).toOutcome()
            : DeliveryOutcome.transientFailure("4.0.0", "smtp; " + e.getMessage());
    DeliveryOutcome unsent =
        transactionOutcome.kind() == DeliveryOutcome.Kind.DELIVERED
            ? DeliveryOutcome.transientFailure("4.0.0", "smtp; not sent: " + e.getMessage())
            : transactionOutcome;
    DeliveryOutcome sent =
        transactionOutcome.kind() == DeliveryOutcome.Kind.DELIVERED
            ? transactionOutcome
            : DeliveryOutcome.delivered("2.0.0", "smtp; accepted");
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

  static InternetAddress[] mailboxes(List<String> mailboxes) throws AddressException {
    InternetAddress[] result = new InternetAddress[mailboxes.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = new InternetAddress(mailboxes.get(i), true);
    }
    return result;
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
