package dev.spooler.submit;

import dev.spooler.security.Submitter;

/**
 * One submission as the facade takes it: what is sent, on whose authority, and through which
 * channel (idempotency key, reply destination). Whose authority: an authenticated {@code
 * submitter}, checked against its sender rights; the server itself ({@code trusted}: a forward
 * rule), unchecked; or, with neither, the caller's identity as the container knows it.
 */
public record SubmissionRequest(
    Submission submission, Submitter submitter, boolean trusted, SubmissionOrigin origin) {

  public SubmissionRequest {
    if (trusted && submitter != null) {
      throw new IllegalArgumentException("a trusted submission has no submitter to check");
    }
    origin = origin == null ? SubmissionOrigin.NONE : origin;
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
    return new SubmissionRequest(submission, submitter, trusted, channel);
  }
}
