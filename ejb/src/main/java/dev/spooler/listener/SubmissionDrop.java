package dev.spooler.listener;

import dev.spooler.message.Address;
import dev.spooler.message.InvalidAddressException;
import dev.spooler.security.Submitter;
import dev.spooler.submit.AcceptOverloadedException;
import dev.spooler.submit.AcceptQueue;
import dev.spooler.submit.Submission;
import dev.spooler.submit.SubmissionOutcome;
import dev.spooler.submit.SubmissionRequest;
import dev.spooler.submit.SubmittedMime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The submission listener's mail: an authenticated user's message goes to the submit facade, with
 * REST's sender rights, its MIME kept as sent; recipients in a local domain become {@code LOCAL:}
 * addresses and must exist.
 */
final class SubmissionDrop implements MailDrop {

  /** The answer when accepting is behind; the listener closes the session after it. */
  static final String OVERLOADED = "421 4.3.2 System not accepting messages now, try again later";

  private final AcceptQueue accepting;
  private final ApplicationUsers users;
  private final LocalDomains local;

  SubmissionDrop(AcceptQueue accepting, ApplicationUsers users, LocalDomains local) {
    this.accepting = accepting;
    this.users = users;
    this.local = local;
  }

  @Override
  public String refuseSender(SessionState session, String reversePath) {
    if (reversePath.isEmpty()) {
      return "550 5.7.1 A submission needs a sender address";
    }
    Submitter submitter = session.submitter();
    Address from;
    try {
      from = Address.parse(typed(reversePath));
    } catch (InvalidAddressException e) {
      return "553 5.1.7 Not a valid sender: " + oneLine(e.getMessage());
    }
    return users.mayUse(submitter, from)
        ? null
        : "550 5.7.1 User " + submitter.principal() + " may not send as <" + reversePath + ">";
  }

  @Override
  public Verdict recipient(SessionState session, String address) {
    if (local.isLocal(address)) {
      return local
          .mailbox(address)
          .filter(users::isLocalUser)
          .map(mailbox -> Verdict.take("LOCAL:" + mailbox))
          .orElse(Verdict.refuse("550 5.1.1 No such local user: <" + address + ">"));
    }
    try {
      return Verdict.take(Address.parse("SMTP:" + address).toString());
    } catch (InvalidAddressException e) {
      return Verdict.refuse("553 5.1.3 Not a valid recipient: " + oneLine(e.getMessage()));
    }
  }

  @Override
  public String deliver(SessionState session, SmtpTransaction transaction, Stamped message) {
    MessageText text = MessageText.of(message.bytes());
    List<String> to = transaction.recipients().stream().map(r -> r.stored()).toList();
    Map<String, List<String>> notify = new LinkedHashMap<>();
    for (SmtpTransaction.EnvelopeRecipient recipient : transaction.recipients()) {
      if (recipient.notifyOn() != null) {
        notify.put(recipient.stored(), recipient.notifyOn());
      }
    }
    Submission envelope =
        new Submission(
            typed(transaction.reversePath()),
            to,
            List.of(),
            List.of(),
            text.subject(),
            text.body(),
            null,
            null,
            null,
            null,
            notify.isEmpty() ? null : notify,
            transaction.envelopeId(),
            transaction.ret());
    SubmissionOutcome outcome;
    try {
      // This session's thread waits for the commit of the batch that holds the message: 250 after.
      outcome =
          accepting
              .submit(
                  SubmissionRequest.by(session.submitter(), envelope)
                      .asMime(new SubmittedMime(message.messageId(), message.bytes())))
              .join();
    } catch (AcceptOverloadedException e) {
      // RFC 5321 3.8 lets a server answer 421 to any command and close; RFC 3463 X.3.2: system
      // not accepting messages. The client keeps the message and comes back later.
      return OVERLOADED;
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    if (outcome instanceof SubmissionOutcome.Refused refused) {
      String reasons =
          oneLine(
              refused.violations().stream()
                  .map(v -> v.field() + ": " + v.reason())
                  .reduce((a, b) -> a + "; " + b)
                  .orElse("refused"));
      return switch (refused.refusal()) {
        case TOO_LARGE -> "552 5.3.4 " + reasons;
        case SENDER_NOT_PERMITTED -> "550 5.7.1 " + reasons;
        case INVALID -> "554 5.6.0 " + reasons;
      };
    }
    return "250 2.0.0 Ok: queued as " + outcome.acceptedOrThrow().id();
  }

  @Override
  public boolean deliversFinally() {
    return false;
  }

  private String typed(String mailbox) {
    return local.mailbox(mailbox).map(m -> "LOCAL:" + m).orElse("SMTP:" + mailbox);
  }

  static String oneLine(String text) {
    String line = text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
    return line.length() > 400 ? line.substring(0, 400) : line;
  }
}
