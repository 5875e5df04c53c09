package dev.spooler.submit.jms;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Decodes a text part exactly as its charset says, refusing bytes that are not in it. Angus Mail's
 * {@code getContent()} would put U+FFFD in their place, so a message with a wrong charset would be
 * stored and sent garbled with nobody told.
 */
final class StrictText {

  private StrictText() {}

  static String decode(Part part) throws MessagingException, IOException {
    Charset charset = charset(part.getContentType());
    byte[] bytes;
    try (InputStream in = part.getInputStream()) {
      bytes = in.readAllBytes();
    }
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MessagingException(
          "the text body is not valid " + charset.name() + " (" + e.getMessage() + ")");
    }
  }

  /**
   * The declared charset; without one, UTF-8 (RFC 6657 says US-ASCII, of which UTF-8 is a superset
   * that accepts what an 8-bit-unaware producer most likely meant).
   */
  private static Charset charset(String contentType) throws MessagingException {
    String name = new ContentType(contentType).getParameter("charset");
    if (name == null || name.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(MimeUtility.javaCharset(name.strip()));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new MessagingException("unknown charset " + name.strip());
    }
  }
}
