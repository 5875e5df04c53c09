package dev.spooler.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;

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
}
