package dev.spooler.submit;

/**
 * A message a client handed in as MIME (over SMTP): its bytes, trace headers included, and its
 * Message-ID header with angle brackets.
 */
public record SubmittedMime(String messageIdHeader, byte[] bytes) {

  public SubmittedMime {
    if (messageIdHeader == null || messageIdHeader.isBlank() || bytes == null) {
      throw new IllegalArgumentException("a MIME submission has bytes and a Message-ID");
    }
  }
}
