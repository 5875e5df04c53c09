package dev.spooler.transport.smtp;

import dev.spooler.transport.DeliveryOutcome;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMTP server reply such as {@code 550 5.1.1 <bob@example.org>: user unknown}, read into an
 * outcome: 2xx delivered, 4xx transient, 5xx permanent, with the RFC 3463 enhanced code when the
 * server sent one (RFC 2034) and the class default otherwise.
 */
public record SmtpReply(int code, String text) {

  private static final Pattern REPLY =
      Pattern.compile("^\\s*(\\d{3})[ -]?(?:([245]\\.\\d{1,3}\\.\\d{1,3})\\b)?.*", Pattern.DOTALL);

  public static SmtpReply of(int code, String text) {
    return new SmtpReply(code, text == null ? "" : text.strip());
  }

  /** Reads the reply code from the text itself, e.g. from an exception message. */
  public static SmtpReply parse(String text) {
    Matcher m = REPLY.matcher(text == null ? "" : text);
    return m.matches() ? of(Integer.parseInt(m.group(1)), text) : of(0, text);
  }

  public DeliveryOutcome toOutcome() {
    String enhanced = enhancedCode();
    String diagnostic = "smtp; " + text;
    return switch (code / 100) {
      case 2 -> DeliveryOutcome.delivered(enhanced, diagnostic);
      case 5 -> DeliveryOutcome.permanentFailure(enhanced, diagnostic);
      default -> DeliveryOutcome.transientFailure(enhanced, diagnostic);
    };
  }

  private String enhancedCode() {
    Matcher m = REPLY.matcher(text);
    int replyClass = code / 100;
    if (m.matches() && m.group(2) != null && m.group(2).charAt(0) - '0' == replyClass) {
      return m.group(2);
    }
    return switch (replyClass) {
      case 2 -> "2.0.0";
      case 5 -> "5.0.0";
      default -> "4.0.0";
    };
  }
}
