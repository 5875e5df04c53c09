package dev.spooler.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import java.util.Arrays;

/**
 * GreenMail as the test server's SMTP relay, on the port the server is told ({@code it.smtp.port}).
 */
final class TestRelay {

  private TestRelay() {}

  static GreenMailExtension extension() {
    return new GreenMailExtension(
        new ServerSetup(Integer.getInteger("it.smtp.port", 3025), "127.0.0.1", "smtp"));
  }

  /** How many messages the relay holds for one envelope recipient (BCC included). */
  static int inboxSize(GreenMailExtension relay, String email) throws Exception {
    GreenMailUser user = relay.getUserManager().getUserByEmail(email);
    return user == null
        ? 0
        : relay.getManagers().getImapHostManager().getInbox(user).getMessageCount();
  }

  /** A GreenMail relay started now on the test server's relay port; stop it when done. */
  static GreenMail start() {
    GreenMail relay =
        new GreenMail(
            new ServerSetup(Integer.getInteger("it.smtp.port", 3025), "127.0.0.1", "smtp"));
    relay.start();
    return relay;
  }

  /**
   * How many messages the relay took for this address, so that a test counts its own messages only
   * (a message another test left deferred may arrive at any relay that is up).
   */
  static long received(GreenMail relay, String address) {
    return Arrays.stream(relay.getReceivedMessages())
        .filter(
            m -> {
              try {
                Address[] to = m.getAllRecipients();
                return to != null
                    && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
              } catch (MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .count();
  }
}
