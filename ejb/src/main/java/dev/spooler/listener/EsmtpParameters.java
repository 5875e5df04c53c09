package dev.spooler.listener;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The path and the parameters of a MAIL FROM or RCPT TO command (RFC 5321 4.1.2: {@code FROM:<path>
 * KEY=VALUE ...}), parameter names upper-cased, values as given. Only the names a command knows are
 * accepted: an unknown one is a client error (555 5.5.4).
 */
record EsmtpParameters(String path, Map<String, String> values) {

  /** A command's arguments could not be read; the reply says why. */
  static final class SyntaxException extends Exception {
    private final String reply;

    SyntaxException(String reply) {
      super(reply);
      this.reply = reply;
    }

    String reply() {
      return reply;
    }
  }

  /**
   * Parses what follows the verb: {@code prefix} is {@code FROM:} or {@code TO:}; {@code known} the
   * parameter names the command takes.
   */
  static EsmtpParameters parse(String arguments, String prefix, Set<String> known)
      throws SyntaxException {
    String rest = arguments.strip();
    if (!rest.toUpperCase(Locale.ROOT).startsWith(prefix)) {
      throw new SyntaxException("501 5.5.4 Syntax: " + prefix + "<address> [parameters]");
    }
    rest = rest.substring(prefix.length()).strip();
    if (!rest.startsWith("<")) {
      throw new SyntaxException("501 5.1.7 The address must be in angle brackets");
    }
    int close = rest.indexOf('>');
    if (close < 0) {
      throw new SyntaxException("501 5.1.7 Missing '>' after the address");
    }
    String path = rest.substring(1, close).strip();
    if (path.startsWith("@") && path.contains(":")) {
      // A source route (RFC 5321 4.1.2 allows it, and says to ignore it).
      path = path.substring(path.indexOf(':') + 1);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String token : rest.substring(close + 1).strip().split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      int eq = token.indexOf('=');
      String name = (eq < 0 ? token : token.substring(0, eq)).toUpperCase(Locale.ROOT);
      if (!known.contains(name)) {
        throw new SyntaxException("555 5.5.4 Unsupported parameter " + name);
      }
      if (values.put(name, eq < 0 ? null : token.substring(eq + 1)) != null) {
        throw new SyntaxException("501 5.5.4 Parameter " + name + " given twice");
      }
    }
    return new EsmtpParameters(path, values);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** RFC 3461 4: xtext, where {@code +HH} stands for a byte outside printable ASCII. */
  static String decodeXtext(String xtext) throws SyntaxException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < xtext.length(); i++) {
      char c = xtext.charAt(i);
      if (c == '+') {
        if (i + 2 >= xtext.length()) {
          throw new SyntaxException("501 5.5.4 Malformed xtext: " + xtext);
        }
        try {
          bytes.write(Integer.parseInt(xtext.substring(i + 1, i + 3), 16));
        } catch (NumberFormatException e) {
          throw new SyntaxException("501 5.5.4 Malformed xtext: " + xtext);
        }
        i += 2;
      } else if (c < '!' || c > '~' || c == '=') {
        throw new SyntaxException("501 5.5.4 Malformed xtext: " + xtext);
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
