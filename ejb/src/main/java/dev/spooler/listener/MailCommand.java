package dev.spooler.listener;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * MAIL FROM with the parameters the listener announces: SIZE (RFC 1870), BODY (8BITMIME), SMTPUTF8
 * (RFC 6531), RET and ENVID (DSN, RFC 3461), AUTH (RFC 4954, accepted and not used).
 */
final class MailCommand extends BaseCommand {

  private static final Set<String> PARAMETERS =
      Set.of("SIZE", "BODY", "SMTPUTF8", "RET", "ENVID", "AUTH");

  private final Listener listener;

  MailCommand(Listener listener) {
    super("MAIL", "Specifies the sender", "FROM:<sender> [parameters]");
    this.listener = listener;
  }

  @Override
  public void execute(String line, Session session) throws IOException, DropConnectionException {
    SessionGuard guard = listener.guard();
    if (session.getHelo().isEmpty()) {
      guard.reply(session, "503 5.5.1 Send EHLO first");
      return;
    }
    if (session.isMailTransactionInProgress()) {
      guard.reply(session, "503 5.5.1 Sender already given");
      return;
    }
    String reply;
    try {
      reply = begin(session, EsmtpParameters.parse(getArgPredicate(line), "FROM:", PARAMETERS));
    } catch (EsmtpParameters.SyntaxException e) {
      reply = e.reply();
    }
    guard.reply(session, reply);
  }

  private String begin(Session session, EsmtpParameters mail)
      throws EsmtpParameters.SyntaxException {
    boolean smtputf8 = mail.has("SMTPUTF8");
    if (smtputf8 && mail.value("SMTPUTF8").isPresent()) {
      return "501 5.5.4 SMTPUTF8 takes no value";
    }
    if (!mail.path().isEmpty()) {
      String refusal = SmtpPaths.refusal(mail.path(), smtputf8);
      if (refusal != null) {
        return refusal;
      }
    }
    String body = mail.value("BODY").map(b -> b.toUpperCase(Locale.ROOT)).orElse("7BIT");
    if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
      return "501 5.5.4 BODY is 7BIT or 8BITMIME";
    }
    if (mail.has("SIZE")) {
      String size = mail.value("SIZE").orElse("");
      if (!size.matches("[0-9]{1,19}")) {
        return "501 5.5.4 SIZE takes a number of bytes";
      }
      if (Long.parseLong(size) > listener.settings().sizeLimit()) {
        return "552 5.3.4 Message size exceeds the limit of "
            + listener.settings().sizeLimit()
            + " bytes";
      }
    }
    String ret = mail.value("RET").map(r -> r.toUpperCase(Locale.ROOT)).orElse(null);
    if (ret != null && !ret.equals("FULL") && !ret.equals("HDRS")) {
      return "501 5.5.4 RET is FULL or HDRS";
    }
    String envelopeId = null;
    if (mail.has("ENVID")) {
      envelopeId = EsmtpParameters.decodeXtext(mail.value("ENVID").orElse(""));
      if (envelopeId.isEmpty()
          || envelopeId.length() > 100
          || !envelopeId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        return "501 5.5.4 ENVID is 1 to 100 printable ASCII characters";
      }
    }
    String refusal = listener.drop().refuseSender(listener.guard().state(session), mail.path());
    if (refusal != null) {
      return refusal;
    }
    session.startMailTransaction();
    ((SmtpTransaction) session.getMessageHandler())
        .mailFrom(mail.path(), envelopeId, ret, smtputf8);
    return "250 2.1.0 Sender OK";
  }
}
