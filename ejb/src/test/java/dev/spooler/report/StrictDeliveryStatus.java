package dev.spooler.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code message/delivery-status} body as a bounce processor does (RFC 3464 2.1): blocks of
 * CRLF-terminated fields, exactly one blank line between blocks, none after the last; the
 * per-message block needs {@code Reporting-MTA}, every recipient block {@code Final-Recipient},
 * {@code Action} and {@code Status}. Anything else is an error.
 */
final class StrictDeliveryStatus {

  record Parsed(Map<String, String> perMessage, List<Map<String, String>> recipients) {}

  private StrictDeliveryStatus() {}

  static Parsed read(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (!text.endsWith("\r\n")) {
      throw new IllegalArgumentException("the last field does not end with CRLF");
    }
    List<Map<String, String>> blocks = new ArrayList<>();
    Map<String, String> block = new LinkedHashMap<>();
    String last = null;
    for (String line : text.substring(0, text.length() - 2).split("\r\n", -1)) {
      if (line.contains("\n") || line.contains("\r")) {
        throw new IllegalArgumentException("bare CR or LF in " + line);
      }
      if (line.isEmpty()) {
        if (block.isEmpty()) {
          throw new IllegalArgumentException(
              "empty block (two blank lines) after block " + blocks.size());
        }
        blocks.add(block);
        block = new LinkedHashMap<>();
        last = null;
      } else if (line.startsWith(" ") || line.startsWith("\t")) {
        if (last == null) {
          throw new IllegalArgumentException("continuation line without a field: " + line);
        }
        block.put(last, block.get(last) + line);
      } else {
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException("not a field: " + line);
        }
        last = line.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        if (block.put(last, line.substring(colon + 1).strip()) != null) {
          throw new IllegalArgumentException("field twice in one block: " + last);
        }
      }
    }
    if (block.isEmpty()) {
      throw new IllegalArgumentException("blank line after the last block");
    }
    blocks.add(block);
    Map<String, String> perMessage = blocks.get(0);
    require(perMessage, "reporting-mta");
    List<Map<String, String>> recipients = blocks.subList(1, blocks.size());
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("no recipient block");
    }
    recipients.forEach(r -> require(r, "final-recipient", "action", "status"));
    return new Parsed(perMessage, List.copyOf(recipients));
  }

  private static void require(Map<String, String> block, String... names) {
    for (String name : names) {
      if (!block.containsKey(name)) {
        throw new IllegalArgumentException("block without " + name + ": " + block);
      }
    }
  }
}
