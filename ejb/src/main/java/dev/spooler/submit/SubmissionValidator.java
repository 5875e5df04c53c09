package dev.spooler.submit;

import dev.spooler.message.Address;
import dev.spooler.message.InvalidAddressException;
import dev.spooler.message.Message;
import dev.spooler.message.Priority;
import dev.spooler.message.RecipientKind;
import dev.spooler.message.ReportKind;
import dev.spooler.message.ReportRequest;
import dev.spooler.message.ReturnOfContent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a submission and turns it into typed addresses, collecting every violation rather than
 * stopping at the first, so that a client can fix its request in one go.
 */
public class SubmissionValidator {

  static final int MAX_SUBJECT_LENGTH = 998;
  // CR and LF would start a new header (injection); other controls are not allowed in a header.
  private static final Pattern HEADER_BREAKER = Pattern.compile("[\\x00-\\x08\\x0a-\\x1f\\x7f]");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");
  // RFC 3461 ENVID is xtext; printable ASCII without spaces needs no encoding worries.
  private static final Pattern ENVELOPE_ID = Pattern.compile("[\\x21-\\x7e]{1,100}");
  private static final Set<String> SENDER_TYPES = Set.of(Address.SMTP, "LOCAL");

  private final int maxRecipients;
  private final long maxBodyBytes;

  public SubmissionValidator(int maxRecipients) {
    this(maxRecipients, Long.MAX_VALUE);
  }

  /** With a size limit for the body, in UTF-8 bytes (the whole message is checked again later). */
  public SubmissionValidator(int maxRecipients, long maxBodyBytes) {
    this.maxRecipients = maxRecipients;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** A valid submission, with its addresses parsed and each mailbox once. */
  public record ValidSubmission(
      Address from,
      List<TypedRecipient> recipients,
      List<MergedRecipient> merged,
      String subject,
      String body,
      Priority priority,
      Instant deferUntil,
      Instant expiresAt,
      String envelopeId,
      ReturnOfContent ret) {}

  /** A recipient with the reports its sender wants about it. */
  public record TypedRecipient(Address address, RecipientKind kind, Set<ReportKind> reports) {
    TypedRecipient(Address address, RecipientKind kind) {
      this(address, kind, ReportRequest.DEFAULT);
    }
  }

  public ValidSubmission validate(Submission submission, Instant now) {
    List<Violation> violations = new ArrayList<>();
    if (submission == null) {
      throw new InvalidSubmissionException(List.of(new Violation("body", "no submission given")));
    }
    rejectIfTooLarge(submission.body());
    Address from = null;
    if (submission.from() == null || submission.from().isBlank()) {
      violations.add(new Violation("from", "is required"));
    } else {
      from = parse("from", submission.from(), violations);
      if (from != null && !SENDER_TYPES.contains(from.type())) {
        violations.add(
            new Violation("from", "must be an SMTP or LOCAL address, got " + from.type()));
      }
    }
    List<FieldRecipient> given = new ArrayList<>();
    collect("to", submission.to(), RecipientKind.TO, given, violations);
    collect("cc", submission.cc(), RecipientKind.CC, given, violations);
    collect("bcc", submission.bcc(), RecipientKind.BCC, given, violations);
    List<MergedRecipient> merged = new ArrayList<>();
    List<TypedRecipient> recipients = oncePerMailbox(given, merged);
    if (recipients.isEmpty() && violations.stream().noneMatch(v -> isRecipientField(v.field()))) {
      violations.add(new Violation("to", "at least one recipient (to, cc or bcc) is required"));
    }
    if (recipients.size() > maxRecipients) {
      violations.add(
          new Violation(
              "to", "at most " + maxRecipients + " recipients, got " + recipients.size()));
    }
    String subject = submission.subject() == null ? "" : submission.subject();
    if (HEADER_BREAKER.matcher(subject).find()) {
      violations.add(
          new Violation("subject", "must not contain CR, LF, NUL or other control characters"));
    }
    if (subject.length() > MAX_SUBJECT_LENGTH) {
      violations.add(
          new Violation("subject", "is longer than " + MAX_SUBJECT_LENGTH + " characters"));
    }
    String body = submission.body();
    if (body == null) {
      violations.add(new Violation("body", "is required (it may be empty)"));
    } else if (body.indexOf('\u0000') >= 0) {
      violations.add(new Violation("body", "must not contain NUL"));
    }
    requireWellFormed("subject", subject, violations);
    requireWellFormed("body", body, violations);
    Priority priority = Priority.NORMAL;
    if (submission.priority() != null) {
      try {
        priority = Priority.parse(submission.priority());
      } catch (IllegalArgumentException e) {
        violations.add(new Violation("priority", e.getMessage()));
      }
    }
    Instant deferUntil = instant("deferUntil", submission.deferUntil(), violations);
    Instant expiresAt = instant("expiresAt", submission.expiresAt(), violations);
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      violations.add(new Violation("expiresAt", "is already past"));
    } else if (expiresAt != null && deferUntil != null && !expiresAt.isAfter(deferUntil)) {
      violations.add(new Violation("expiresAt", "must be after deferUntil"));
    }
    recipients = withReportRequests(submission, recipients, violations);
    String envelopeId = submission.envelopeId();
    if (envelopeId != null && !ENVELOPE_ID.matcher(envelopeId).matches()) {
      violations.add(
          new Violation("envelopeId", "must be 1 to 100 printable ASCII characters, no spaces"));
    }
    ReturnOfContent ret = null;
    try {
      ret = ReturnOfContent.parse(submission.ret());
    } catch (IllegalArgumentException e) {
      violations.add(new Violation("ret", e.getMessage()));
    }
    if (!violations.isEmpty()) {
      throw new InvalidSubmissionException(violations);
    }
    return new ValidSubmission(
        from, recipients, merged, subject, body, priority, deferUntil, expiresAt, envelopeId, ret);
  }

  /** Applies {@code notify} to every recipient and {@code recipientNotify} to the named ones. */
  private static List<TypedRecipient> withReportRequests(
      Submission submission, List<TypedRecipient> recipients, List<Violation> violations) {
    Set<ReportKind> defaults = reportKinds("notify", submission.notifyOn(), violations);
    Map<String, Set<ReportKind>> overrides = new HashMap<>();
    if (submission.recipientNotify() != null) {
      submission
          .recipientNotify()
          .forEach(
              (address, keywords) -> {
                String field = "recipientNotify[" + address + "]";
                Address parsed = parse(field, address, violations);
                if (parsed == null) {
                  return;
                }
                if (recipients.stream()
                    .noneMatch(r -> r.address().mailboxKey().equals(parsed.mailboxKey()))) {
                  violations.add(new Violation(field, "is not one of the recipients"));
                  return;
                }
                overrides.put(parsed.mailboxKey(), reportKinds(field, keywords, violations));
              });
    }
    return recipients.stream()
        .map(
            r ->
                new TypedRecipient(
                    r.address(),
                    r.kind(),
                    overrides.getOrDefault(r.address().mailboxKey(), defaults)))
        .toList();
  }

  private static Set<ReportKind> reportKinds(
      String field, List<String> keywords, List<Violation> violations) {
    try {
      return ReportRequest.parse(keywords);
    } catch (IllegalArgumentException e) {
      violations.add(new Violation(field, e.getMessage()));
      return ReportRequest.DEFAULT;
    }
  }

  /** Too large is refused before anything else is looked at: 413, not a list of violations. */
  private void rejectIfTooLarge(String body) {
    if (body == null) {
      return;
    }
    if (body.length() > Message.MAX_BODY_LENGTH) {
      throw new MessageTooLargeException(
          "is longer than " + Message.MAX_BODY_LENGTH + " characters");
    }
    long bytes = body.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBodyBytes) {
      throw new MessageTooLargeException(
          "is " + bytes + " bytes, more than the limit of " + maxBodyBytes + " bytes");
    }
  }

  private static Instant instant(String field, String text, List<Violation> violations) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      violations.add(new Violation(field, "must be an ISO-8601 instant like 2026-11-25T10:00:00Z"));
      return null;
    }
  }

  private static boolean isRecipientField(String field) {
    return field.startsWith("to") || field.startsWith("cc") || field.startsWith("bcc");
  }

  private static void collect(
      String field,
      List<String> addresses,
      RecipientKind kind,
      List<FieldRecipient> into,
      List<Violation> violations) {
    if (addresses == null) {
      return;
    }
    for (int i = 0; i < addresses.size(); i++) {
      String named = field + "[" + i + "]";
      Address address = parse(named, addresses.get(i), violations);
      if (address != null) {
        into.add(new FieldRecipient(named, new TypedRecipient(address, kind)));
      }
    }
  }

  /** A recipient with the field that named it, e.g. {@code cc[0]}. */
  private record FieldRecipient(String field, TypedRecipient recipient) {}

  /**
   * One recipient per mailbox, so that each gets one outcome and one copy: the first mention wins,
   * and since To comes before Cc and Cc before Bcc, a visible recipient is never made blind.
   */
  private static List<TypedRecipient> oncePerMailbox(
      List<FieldRecipient> given, List<MergedRecipient> merged) {
    Map<String, String> firstField = new HashMap<>();
    List<TypedRecipient> once = new ArrayList<>();
    for (FieldRecipient r : given) {
      String key = r.recipient().address().mailboxKey();
      String first = firstField.putIfAbsent(key, r.field());
      if (first == null) {
        once.add(r.recipient());
      } else {
        merged.add(new MergedRecipient(r.field(), r.recipient().address().toString(), first));
      }
    }
    return once;
  }

  /**
   * A lone UTF-16 surrogate (JSON allows {@code "\\ud800"}) has no UTF-8 form: a UTF-8 database
   * would refuse it at commit, after the message was accepted.
   */
  private static boolean requireWellFormed(String field, String text, List<Violation> violations) {
    if (text != null && !StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
      violations.add(new Violation(field, "is not valid Unicode (an unpaired surrogate)"));
      return false;
    }
    return true;
  }

  private static Address parse(String field, String text, List<Violation> violations) {
    if (!requireWellFormed(field, text, violations)) {
      return null;
    }
    if (text != null && CONTROL.matcher(text).find()) {
      violations.add(
          new Violation(field, "address contains CR, LF, NUL or other control characters"));
      return null;
    }
    try {
      return Address.parse(text);
    } catch (InvalidAddressException e) {
      violations.add(new Violation(field, e.getMessage()));
      return null;
    }
  }
}
