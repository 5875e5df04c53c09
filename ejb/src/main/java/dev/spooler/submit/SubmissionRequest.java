package dev.spooler.submit;

import dev.spooler.security.Submitter;

/**
 * One submission as the facade takes it: what is sent, on whose authority, and through which
 * channel (idempotency key, reply destination). Whose authority: an authenticated {@code
 * submitter}, checked against its sender rights; the server itself ({@code trusted}: a forward
 * rule), unchecked; or, with neither, the caller's identity as the container knows it.
 */
public record SubmissionRequest(
    Submission submission,
    Submitter submitter,
    boolean trusted,
    SubmissionOrigin origin,
    SubmittedMime mime) {

  public SubmissionRequest {
    if (trusted && submitter != null) {
      throw new IllegalArgumentException("a trusted submission has no submitter to check");
    }
    origin = origin == null ? SubmissionOrigin.NONE : origin;
  }

  /** A submission whose content is {@code submission}'s own (not handed in as MIME). */
  public SubmissionRequest(
      Submission submission, Submitter submitter, boolean trusted, SubmissionOrigin origin) {
    this(submission, submitter, trusted, origin, null);
  }

  /**
   * The same request, handed in as MIME (the SMTP listener): {@code submission} holds the envelope
   * and the text for listings; the stored message keeps these bytes and their Message-ID.
   */
  public SubmissionRequest asMime(SubmittedMime content) {
    return new SubmissionRequest(submission, submitter, trusted, origin, content);
  }

  /**
   * On the authority of whoever calls the facade (an application in this server, a web request).
   */
  public static SubmissionRequest fromCaller(Submission submission) {
    return new SubmissionRequest(submission, null, false, SubmissionOrigin.NONE);
  }

  /** By this authenticated user, whose sender rights are checked. */
  public static SubmissionRequest by(Submitter submitter, Submission submission) {
    return new SubmissionRequest(submission, submitter, false, SubmissionOrigin.NONE);
  }

  /** Made by the server itself from its own configuration: no sender check applies. */
  public static SubmissionRequest trusted(Submission submission) {
    return new SubmissionRequest(submission, null, true, SubmissionOrigin.NONE);
  }

  /** The same request, arrived through a channel that keeps keys or wants replies. */
  public SubmissionRequest from(SubmissionOrigin channel) {
    return new SubmissionRequest(submission, submitter, trusted, channel, mime);
  }
}
