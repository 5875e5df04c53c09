package dev.spooler.bench;

import java.util.Map;

/** One flat JSON object on one line: numbers, booleans and strings. */
final class Json {

  private Json() {}

  static String line(Map<String, Object> fields) {
    StringBuilder out = new StringBuilder("{");
    fields.forEach(
        (key, value) -> {
          if (out.length() > 1) {
            out.append(',');
          }
          out.append('"').append(key).append("\":");
          if (value instanceof Double d) {
            out.append(Double.isNaN(d) ? "null" : String.format("%.1f", d));
          } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
          } else {
            out.append('"').append(String.valueOf(value).replace("\"", "\\\"")).append('"');
          }
        });
    return out.append('}').toString();
  }
}
