package dev.spooler.message;

/**
 * The delivery reports the spooler writes, with their SMTP DSN (RFC 3461) NOTIFY keyword, RFC 3464
 * action, and MAPI message class suffix ({@code REPORT.<original class>.<suffix>}). MAPI has no
 * standard class for a delay notice; Exchange's {@code Delayed.DR} is used.
 */
public enum ReportKind {
  DELIVERY("SUCCESS", "delivered", "DR", "Delivered"),
  NON_DELIVERY("FAILURE", "failed", "NDR", "Undeliverable"),
  DELAY("DELAY", "delayed", "Delayed.DR", "Delayed");

  private final String notifyKeyword;
  private final String action;
  private final String classSuffix;
  private final String subjectPrefix;

  ReportKind(String notifyKeyword, String action, String classSuffix, String subjectPrefix) {
    this.notifyKeyword = notifyKeyword;
    this.action = action;
    this.classSuffix = classSuffix;
    this.subjectPrefix = subjectPrefix;
  }

  public String notifyKeyword() {
    return notifyKeyword;
  }

  /** The RFC 3464 {@code Action} field value. */
  public String action() {
    return action;
  }

  /** The MAPI message class of a report about a message of class {@code originalClass}. */
  public String messageClassFor(String originalClass) {
    return "REPORT." + originalClass + "." + classSuffix;
  }

  public String subjectPrefix() {
    return subjectPrefix;
  }
}
