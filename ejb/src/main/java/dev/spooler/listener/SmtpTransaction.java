package dev.spooler.listener;

import dev.spooler.message.Address;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.subethamail.smtp.MessageHandler;

/**
 * One mail transaction (MAIL, RCPT..., DATA) as the listener's commands fill it in. SubEthaSMTP
 * makes one per MAIL command; the listener's own commands read the ESMTP parameters that the
 * library's handler methods do not carry, so those methods are never called: reaching one means a
 * library command bypassed ours, a bug to fail on at once.
 */
final class SmtpTransaction implements MessageHandler {

  /** A recipient as the client named it, the address the spooler stores, and its DSN requests. */
  record EnvelopeRecipient(String address, String stored, List<String> notifyOn, String orcpt) {}

  private String reversePath;
  private String envelopeId;
  private String ret;
  private boolean smtputf8;
  private final List<EnvelopeRecipient> recipients = new ArrayList<>();

  void mailFrom(String reversePath, String envelopeId, String ret, boolean smtputf8) {
    this.reversePath = reversePath;
    this.envelopeId = envelopeId;
    this.ret = ret;
    this.smtputf8 = smtputf8;
  }

  /**
   * Adds a recipient; false if the transaction has it already (it is stored once). One mailbox as
   * REST submissions compare them: the domain's case and form do not count, the local part's do.
   */
  boolean add(EnvelopeRecipient recipient) {
    String mailbox = Address.parse(recipient.stored()).mailboxKey();
    if (recipients.stream().anyMatch(r -> Address.parse(r.stored()).mailboxKey().equals(mailbox))) {
      return false;
    }
    recipients.add(recipient);
    return true;
  }

  String reversePath() {
    return reversePath;
  }

  String envelopeId() {
    return envelopeId;
  }

  /** RET (FULL or HDRS), or null; stored once the report requests carry it. */
  String ret() {
    return ret;
  }

  boolean smtputf8() {
    return smtputf8;
  }

  List<EnvelopeRecipient> recipients() {
    return List.copyOf(recipients);
  }

  @Override
  public void from(String from) {
    throw new IllegalStateException("MAIL is the listener's own command");
  }

  @Override
  public void recipient(String recipient) {
    throw new IllegalStateException("RCPT is the listener's own command");
  }

  @Override
  public String data(InputStream data) {
    throw new IllegalStateException("DATA is the listener's own command");
  }

  @Override
  public void done() {
    // nothing held: the transaction's content is stored (or not) by the DATA command
  }
}
