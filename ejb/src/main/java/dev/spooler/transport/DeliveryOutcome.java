package dev.spooler.transport;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What happened to one recipient in one send: delivered, a transient failure (try again later) or a
 * permanent one, with the RFC 3463 enhanced status code and the remote system's own words. A
 * delivery says how the message was handed over, which decides the sender's delivery report.
 */
public record DeliveryOutcome(Kind kind, String statusCode, String diagnostic, Handover handover) {

  public enum Kind {
    DELIVERED,
    TRANSIENT_FAILURE,
    PERMANENT_FAILURE
  }

  /** How a delivered message left the spooler (RFC 3464 2.3.3 {@code Action}). */
  public enum Handover {
    /** Filed or handed to its final destination: {@code Action: delivered}. */
    FINAL,
    /** Handed to a next hop that takes no DSN duty (no DSN extension): {@code Action: relayed}. */
    RELAYED,
    /** Handed to a next hop that took the DSN request (RFC 3461): it reports, the spooler not. */
    RELAYED_WITH_DSN
  }

  /** RFC 3463 4.4.1 / 4.4.2: the messaging system did not answer or the connection broke. */
  public static final List<String> UNREACHABLE_CODES = List.of("4.4.1", "4.4.2");

  private static final Pattern ENHANCED_STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

  public DeliveryOutcome(Kind kind, String statusCode, String diagnostic) {
    this(kind, statusCode, diagnostic, Handover.FINAL);
  }

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
    return kind == Kind.TRANSIENT_FAILURE && UNREACHABLE_CODES.contains(statusCode);
  }

  public static DeliveryOutcome delivered(String statusCode, String diagnostic) {
    return new DeliveryOutcome(Kind.DELIVERED, statusCode, diagnostic);
  }

  /** This delivery, as one handed to a next hop that did or did not take the DSN request. */
  public DeliveryOutcome relayed(boolean nextHopReports) {
    if (kind != Kind.DELIVERED) {
      return this;
    }
    return new DeliveryOutcome(
        kind,
        statusCode,
        diagnostic,
        nextHopReports ? Handover.RELAYED_WITH_DSN : Handover.RELAYED);
  }

  public static DeliveryOutcome transientFailure(String statusCode, String diagnostic) {
    return new DeliveryOutcome(Kind.TRANSIENT_FAILURE, statusCode, diagnostic);
  }

  public static DeliveryOutcome permanentFailure(String statusCode, String diagnostic) {
    return new DeliveryOutcome(Kind.PERMANENT_FAILURE, statusCode, diagnostic);
  }
}
