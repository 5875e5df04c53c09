package dev.spooler.transport;

import java.util.regex.Pattern;

/**
 * What happened to one recipient in one send: delivered, a transient failure (try again later) or a
 * permanent one, with the RFC 3463 enhanced status code and the remote system's own words.
 */
public record DeliveryOutcome(Kind kind, String statusCode, String diagnostic) {

  public enum Kind {
    DELIVERED,
    TRANSIENT_FAILURE,
    PERMANENT_FAILURE
  }

  private static final Pattern ENHANCED_STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

  public DeliveryOutcome {
    if (!ENHANCED_STATUS.matcher(statusCode).matches()) {
      throw new IllegalArgumentException("not an RFC 3463 status code: " + statusCode);
    }
    char expectedClass =
        switch (kind) {
          case DELIVERED -> '2';
          case TRANSIENT_FAILURE -> '4';
          case PERMANENT_FAILURE -> '5';
        };
    if (statusCode.charAt(0) != expectedClass) {
      throw new IllegalArgumentException(kind + " cannot carry status " + statusCode);
    }
  }

  /** RFC 3463 4.4.1 / 4.4.2: the messaging system did not answer or the connection broke. */
  public boolean isUnreachable() {
    return kind == Kind.TRANSIENT_FAILURE
        && (statusCode.equals("4.4.1") || statusCode.equals("4.4.2"));
  }

  public static DeliveryOutcome delivered(String statusCode, String diagnostic) {
    return new DeliveryOutcome(Kind.DELIVERED, statusCode, diagnostic);
  }

  public static DeliveryOutcome transientFailure(String statusCode, String diagnostic) {
    return new DeliveryOutcome(Kind.TRANSIENT_FAILURE, statusCode, diagnostic);
  }

  public static DeliveryOutcome permanentFailure(String statusCode, String diagnostic) {
    return new DeliveryOutcome(Kind.PERMANENT_FAILURE, statusCode, diagnostic);
  }
}
