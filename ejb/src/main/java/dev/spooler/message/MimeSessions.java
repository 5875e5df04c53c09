package dev.spooler.message;

import jakarta.mail.Session;
import java.util.Properties;

/** The Jakarta Mail session for reading stored and arriving MIME. */
public final class MimeSessions {

  /**
   * Header fields may carry UTF-8 (RFC 6532, mail that came with SMTPUTF8); without this, Angus
   * Mail reads their bytes as ISO-8859-1.
   */
  public static final Session UTF8 = Session.getInstance(utf8Headers());

  private MimeSessions() {}

  private static Properties utf8Headers() {
    Properties properties = new Properties();
    properties.setProperty("mail.mime.allowutf8", "true");
    return properties;
  }
}
