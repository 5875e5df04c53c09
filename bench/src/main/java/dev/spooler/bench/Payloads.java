package dev.spooler.bench;

/** Message bodies of a given size: printable ASCII in lines of 76 characters plus CRLF. */
final class Payloads {

  private Payloads() {}

  static String body(int bytes) {
    StringBuilder text = new StringBuilder(bytes + 80);
    String line = "The quick brown fox jumps over the lazy dog; pack my box with five dozen jugs.";
    while (text.length() < bytes) {
      text.append(line, 0, 76).append("\r\n");
    }
    return text.toString();
  }
}
