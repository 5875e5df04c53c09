package dev.spooler.listener;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * RCPT TO, answered for each recipient on its own, with the DSN parameters NOTIFY and ORCPT (RFC
 * 3461 4.1, 4.2) kept for the recipient's report requests.
 */
final class RcptCommand extends BaseCommand {

  private static final Set<String> PARAMETERS = Set.of("NOTIFY", "ORCPT");
  private static final Set<String> EVENTS = Set.of("SUCCESS", "FAILURE", "DELAY");

  private final Listener listener;

  RcptCommand(Listener listener) {
    super("RCPT", "Specifies a recipient", "TO:<recipient> [parameters]");
    this.listener = listener;
  }

  @Override
  public void execute(String line, Session session) throws IOException, DropConnectionException {
    String reply;
    if (!session.isMailTransactionInProgress()) {
      reply = "503 5.5.1 Need MAIL before RCPT";
    } else if (session.getRecipientCount() >= listener.settings().maxRecipients()) {
      reply = "452 4.5.3 Too many recipients";
    } else {
      try {
        reply = add(session, EsmtpParameters.parse(getArgPredicate(line), "TO:", PARAMETERS));
      } catch (EsmtpParameters.SyntaxException e) {
        reply = e.reply();
      }
    }
    listener.guard().reply(session, reply);
  }

  private String add(Session session, EsmtpParameters rcpt) throws EsmtpParameters.SyntaxException {
    SmtpTransaction transaction = (SmtpTransaction) session.getMessageHandler();
    String refusal = SmtpPaths.refusal(rcpt.path(), transaction.smtputf8());
    if (refusal != null) {
      return refusal;
    }
    List<String> notify = null;
    if (rcpt.has("NOTIFY")) {
      notify =
          Arrays.stream(rcpt.value("NOTIFY").orElse("").split(","))
              .map(e -> e.strip().toUpperCase(Locale.ROOT))
              .toList();
      boolean never = notify.equals(List.of("NEVER"));
      if (!never && (notify.isEmpty() || !EVENTS.containsAll(notify))) {
        return "501 5.5.4 NOTIFY is NEVER or a list of SUCCESS, FAILURE, DELAY";
      }
    }
    String orcpt = null;
    if (rcpt.has("ORCPT")) {
      String value = rcpt.value("ORCPT").orElse("");
      int semicolon = value.indexOf(';');
      if (semicolon <= 0) {
        return "501 5.5.4 ORCPT is addr-type;xtext";
      }
      orcpt =
          value.substring(0, semicolon)
              + ";"
              + EsmtpParameters.decodeXtext(value.substring(semicolon + 1));
    }
    MailDrop.Verdict verdict =
        listener.drop().recipient(listener.guard().state(session), rcpt.path());
    if (verdict.refusal() != null) {
      return verdict.refusal();
    }
    if (transaction.add(
        new SmtpTransaction.EnvelopeRecipient(rcpt.path(), verdict.stored(), notify, orcpt))) {
      session.addRecipient(rcpt.path());
    }
    return "250 2.1.5 Recipient OK";
  }
}
