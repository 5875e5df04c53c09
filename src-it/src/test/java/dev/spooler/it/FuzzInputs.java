package dev.spooler.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded random submissions: a valid one with a few random defects (a field of another type, random
 * text with markup, controls and broken Unicode, truncation, flipped bytes), or random bytes.
 * Random text never holds '@', so no random address is a deliverable SMTP address: what is accepted
 * goes to local mailboxes and finishes at once.
 */
final class FuzzInputs {

  static final String SENDER = "fuzz@example.org";
  static final String SINK = "LOCAL:fuzz-sink";

  private static final String[] FIELDS = {
    "from",
    "to",
    "cc",
    "bcc",
    "subject",
    "body",
    "priority",
    "deferUntil",
    "expiresAt",
    "notify",
    "recipientNotify",
    "envelopeId",
    "ret"
  };
  private static final List<String> TRICKY =
      List.of(
          "bob@@example.org",
          "<script>alert(1)</script>",
          "<img src=x onerror=alert(1)>",
          "LOCAL:",
          "SMTP:",
          "x@example.org\r\nBcc: eve@example.org",
          "LOCAL:fuzz-other",
          "\u0000",
          "\ud800",
          "\ud83d\ude00",
          "urgent",
          "NEVER",
          "2026-13-45T99:00:00Z",
          "1970-01-01T00:00:00Z",
          "",
          " ",
          "a".repeat(1200));
  private static final String ALPHABET =
      "abcXYZ019 :;,.<>/\\\"'{}[]()=&%$#!?*-_+\t\r\n\u0000\u0001\u001b\u007f\u00e9\u00fc\u2028"
          + "\ud800\udc00\ud83d\ude00\ufeff\ufffd";

  private final Random random;

  FuzzInputs(long seed) {
    this.random = new Random(seed);
  }

  boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  <T> T oneOf(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** JSON text of a submission with one to three defects (sometimes none). */
  String json() {
    JsonObjectBuilder submission =
        Json.createObjectBuilder()
            .add("from", SENDER)
            .add("to", Json.createArrayBuilder().add(SINK))
            .add("subject", "fuzz")
            .add("body", "fuzz")
            .add("notify", Json.createArrayBuilder().add("NEVER"));
    for (int defects = random.nextInt(4); defects > 0; defects--) {
      String field = FIELDS[random.nextInt(FIELDS.length)];
      if (chance(15)) {
        submission.remove(field);
      } else {
        submission.add(field, value(2));
      }
    }
    String text = submission.build().toString();
    if (chance(10)) {
      text = text.substring(0, random.nextInt(text.length() + 1));
    }
    if (chance(10)) {
      int at = random.nextInt(text.length() + 1);
      text = text.substring(0, at) + text(1, 4) + text.substring(at);
    }
    return text;
  }

  /** The bytes of a JSON text, now and then with a byte flipped (often no longer UTF-8). */
  byte[] bytes(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0 && chance(10)) {
      bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(128));
    }
    if (chance(3)) {
      bytes = new byte[random.nextInt(300)];
      random.nextBytes(bytes);
    }
    return bytes;
  }

  /** A MIME message, valid or mutated, or random bytes. */
  byte[] mime() {
    if (chance(15)) {
      byte[] garbage = new byte[random.nextInt(600)];
      random.nextBytes(garbage);
      return garbage;
    }
    String charset =
        oneOf(List.of("utf-8", "UTF-8", "iso-8859-1", "us-ascii", "x-bogus", "\"utf-8\""));
    String encoding = oneOf(List.of("8bit", "7bit", "base64", "quoted-printable", "x-bogus"));
    String boundary = "b" + random.nextInt(1000);
    String body = text(0, 40);
    String part =
        "Content-Type: "
            + oneOf(List.of("text/plain", "text/html", "application/octet-stream", "text/plain;;"))
            + "; charset="
            + charset
            + "\r\nContent-Transfer-Encoding: "
            + encoding
            + "\r\n\r\n"
            + (encoding.equals("base64") && chance(70)
                ? java.util.Base64.getMimeEncoder()
                    .encodeToString(body.getBytes(StandardCharsets.UTF_8))
                : body)
            + "\r\n";
    String mime =
        "Subject: "
            + (chance(30) ? text(0, 30) : "=?UTF-8?Q?" + text(0, 10) + "?=")
            + "\r\nMIME-Version: 1.0\r\n"
            + (chance(40)
                ? "Content-Type: multipart/mixed; boundary="
                    + boundary
                    + "\r\n\r\n--"
                    + boundary
                    + "\r\n"
                    + part
                    + "--"
                    + boundary
                    + (chance(70) ? "--" : "")
                    + "\r\n"
                : part);
    byte[] bytes = mime.getBytes(StandardCharsets.UTF_8);
    for (int flips = chance(30) ? random.nextInt(4) : 0; flips > 0 && bytes.length > 0; flips--) {
      bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
    }
    if (chance(10)) {
      bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
    }
    return bytes;
  }

  /** A property value: usually the one given, sometimes tricky or random text. */
  String property(String usual) {
    if (chance(80)) {
      return usual;
    }
    return chance(50) ? oneOf(TRICKY) : text(0, 20);
  }

  /** What HttpClient will send as a header value (visible ASCII); sometimes too long or blank. */
  String headerValue() {
    if (chance(10)) {
      return "k".repeat(201);
    }
    if (chance(5)) {
      return " ";
    }
    StringBuilder value = new StringBuilder();
    for (int n = 1 + random.nextInt(40); n > 0; n--) {
      value.append((char) ('!' + random.nextInt(94)));
    }
    return value.toString();
  }

  /** An idempotency key the spooler must refuse: blank, too long, or with a control character. */
  String unusableKey() {
    return switch (random.nextInt(3)) {
      case 0 -> " ".repeat(random.nextInt(3));
      case 1 -> "k".repeat(201);
      default -> "k" + "\r\n\u0000\t\u001b".charAt(random.nextInt(5)) + UUID.randomUUID();
    };
  }

  String text(int min, int max) {
    StringBuilder text = new StringBuilder();
    for (int n = min + random.nextInt(max - min + 1); n > 0; n--) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  private JsonValue value(int depth) {
    int kind = random.nextInt(depth > 0 ? 8 : 6);
    return switch (kind) {
      case 0, 1 -> Json.createValue(oneOf(TRICKY));
      case 2 -> Json.createValue(text(0, 30));
      case 3 -> Json.createValue(random.nextInt());
      case 4 -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
      case 5 -> JsonValue.NULL;
      case 6 -> {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (int n = random.nextInt(4); n > 0; n--) {
          array.add(chance(50) ? Json.createValue(SINK) : value(depth - 1));
        }
        yield array.build();
      }
      default -> {
        JsonObjectBuilder object = Json.createObjectBuilder();
        for (int n = random.nextInt(3); n > 0; n--) {
          object.add(chance(50) ? SINK : text(1, 8), value(depth - 1));
        }
        yield object.build();
      }
    };
  }
}
