package dev.spooler.report;

import dev.spooler.message.Address;
import dev.spooler.message.DeliveryReport;
import dev.spooler.message.DeliveryReportRepository;
import dev.spooler.message.Message;
import dev.spooler.message.MessageRepository;
import dev.spooler.message.MimeRenderer;
import dev.spooler.message.OutboundMessages;
import dev.spooler.message.Recipient;
import dev.spooler.message.RecipientKind;
import dev.spooler.message.RecipientStatus;
import dev.spooler.message.ReportKind;
import dev.spooler.message.ReturnOfContent;
import dev.spooler.message.SpoolerDomain;
import dev.spooler.queue.SpoolQueues;
import dev.spooler.retry.BackoffSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Writes the reports a dispatch calls for, in the dispatch's transaction: one report per kind
 * covering every recipient that reached that state together, each stored as a message of its own to
 * the original sender and sent through the stages like any other. A report is never reported on:
 * when one cannot be delivered it is dropped with a log line and its record says why.
 */
@ApplicationScoped
public class DeliveryReports {

  private static final Logger LOG = Logger.getLogger(DeliveryReports.class.getName());

  @Inject private MessageRepository messages;
  @Inject private DeliveryReportRepository reports;
  @Inject private SpoolQueues queues;
  @Inject private OutboundMessages outbound;
  @Inject private BackoffSchedule backoff;
  @Inject private Clock clock;

  @Inject SpoolerDomain domain;

  private final Session session = Session.getInstance(new Properties());

  /**
   * Called after a dispatch recorded its outcomes.
   *
   * @param handled the recipients the dispatch tried, in their new state
   * @param delayed the recipients warned of a delay by this dispatch
   */
  public void afterDispatch(
      Message message, String dispatchKey, List<Recipient> handled, List<Recipient> delayed) {
    afterDispatch(message, dispatchKey, handled, delayed, Map.of());
  }

  /**
   * As above, for a dispatch that relayed some recipients to a next hop.
   *
   * @param relayed the recipients handed to a next hop: true when it took the DSN request and
   *     reports success itself (the spooler then sends no delivery report for it, RFC 3461
   *     6.2.6.1), false when it did not (the report says {@code Action: relayed})
   */
  public void afterDispatch(
      Message message,
      String dispatchKey,
      List<Recipient> handled,
      List<Recipient> delayed,
      Map<Long, Boolean> relayed) {
    if (message.isReport()) {
      recordFateOfReport(message, handled);
      return;
    }
    for (ReportKind kind : EnumSet.allOf(ReportKind.class)) {
      List<Recipient> covered =
          (kind == ReportKind.DELAY ? delayed : handled)
              .stream()
                  .filter(r -> r.wantsReport(kind))
                  .filter(r -> kind == ReportKind.DELAY || r.status() == finalStatusOf(kind))
                  .filter(r -> kind != ReportKind.DELIVERY || !relayed.getOrDefault(r.id(), false))
                  .toList();
      if (!covered.isEmpty()) {
        issue(message, kind, dispatchKey, covered, relayed);
      }
    }
  }

  /** Called after a dispatch that only recorded outcomes: nobody was warned of a delay. */
  public void afterDispatch(Message message, String dispatchKey, List<Recipient> handled) {
    afterDispatch(message, dispatchKey, handled, Collections.emptyList());
  }

  private static RecipientStatus finalStatusOf(ReportKind kind) {
    return kind == ReportKind.DELIVERY ? RecipientStatus.DELIVERED : RecipientStatus.FAILED;
  }

  private void issue(
      Message original,
      ReportKind kind,
      String dispatchKey,
      List<Recipient> covered,
      Map<Long, Boolean> relayed) {
    Instant now = clock.instant();
    Address sender = Address.parse(original.sender());
    UUID id = UUID.randomUUID();
    String header = domain.messageId(id);
    MimeMessage rendered = render(original);
    ReportComposer.Composed composed =
        new ReportComposer(session, domain.name())
            .compose(
                new ReportComposer.Original(
                    original.messageIdHeader(),
                    original.messageClass(),
                    original.subject(),
                    original.envelopeId(),
                    original.submittedAt(),
                    headersOf(rendered),
                    ReturnOfContent.returnsWholeMessage(original.ret(), kind)
                        ? bytesOf(rendered)
                        : null),
                kind,
                outbound.mailbox(sender),
                header,
                covered.stream()
                    .map(
                        r -> covered(r, kind == ReportKind.DELIVERY && relayed.containsKey(r.id())))
                    .toList(),
                now,
                kind == ReportKind.DELAY ? retryUntil(original) : null);
    Message report =
        Message.report(
            original, kind, id, header, composed.subject(), composed.text(), composed.mime(), now);
    report.addRecipient(sender, RecipientKind.TO).requestReports(EnumSet.noneOf(ReportKind.class));
    messages.store(report);
    reports.store(
        new DeliveryReport(
            original.id(),
            id,
            kind,
            dispatchKey,
            covered.stream().map(r -> r.address().toString()).toList(),
            now));
    queues.messageWasAccepted(id, report.priority(), Duration.ZERO);
  }

  private void recordFateOfReport(Message report, List<Recipient> handled) {
    Instant now = clock.instant();
    for (Recipient recipient : handled) {
      if (recipient.status() == RecipientStatus.DELIVERED) {
        reports.carriedBy(report.id()).ifPresent(r -> r.delivered(now));
      } else if (recipient.status() == RecipientStatus.FAILED) {
        LOG.warning(
            () ->
                "report "
                    + report.messageIdHeader()
                    + " to "
                    + recipient.address()
                    + " cannot be delivered and is dropped: "
                    + recipient.diagnostic());
        reports.carriedBy(report.id()).ifPresent(r -> r.dropped(recipient.diagnostic(), now));
      }
    }
  }

  private Instant retryUntil(Message original) {
    Instant lifetimeEnd = backoff.giveUpAt(original.submittedAt());
    return original.expiresAt() != null && original.expiresAt().isBefore(lifetimeEnd)
        ? original.expiresAt()
        : lifetimeEnd;
  }

  private MimeMessage render(Message original) {
    try {
      return new MimeRenderer(session).render(outbound.of(original));
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot render " + original.id() + " for its report", e);
    }
  }

  private static InternetHeaders headersOf(MimeMessage rendered) {
    try {
      InternetHeaders headers = new InternetHeaders();
      var lines = rendered.getAllHeaderLines();
      while (lines.hasMoreElements()) {
        headers.addHeaderLine(lines.nextElement());
      }
      return headers;
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot read the headers of a rendered message", e);
    }
  }

  /** The whole message as the transports send it, for a report that returns it (RET=FULL). */
  private static byte[] bytesOf(MimeMessage rendered) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      rendered.writeTo(bytes);
      return bytes.toByteArray();
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("cannot write a rendered message for its report", e);
    }
  }

  private static ReportComposer.Covered covered(Recipient recipient, boolean relayed) {
    return new ReportComposer.Covered(
        recipient.address(),
        recipient.statusCode(),
        recipient.diagnostic(),
        recipient.updatedAt(),
        relayed);
  }
}
