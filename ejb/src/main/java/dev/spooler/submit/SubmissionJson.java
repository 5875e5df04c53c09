package dev.spooler.submit;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON of a submission ({@code POST /api/messages}, a JMS TextMessage) by hand rather
 * than by JSON-B, so that a wrong type is answered with the field it is in ({@code to: must be an
 * array of strings}) instead of a binder's stack of messages, and so that nothing the binder might
 * coerce (a number for a string) gets through. Unknown fields are ignored, as JSON-B would.
 */
public final class SubmissionJson {

  /** Document-level problems (not JSON, not an object) are reported for this field. */
  public static final String DOCUMENT = "(body)";

  /** Deepest nesting read; a submission itself needs three levels. */
  public static final int MAX_DEPTH = 32;

  /**
   * Looked up once: {@code Json.createParser} runs a ServiceLoader scan of the deployment per call.
   */
  private static final JsonProvider JSON = JsonProvider.provider();

  private SubmissionJson() {}

  /** The submission in {@code json}, or every field that has the wrong type. */
  public static Submission read(String json) {
    JsonValue value = document(json, "a JSON object");
    if (!(value instanceof JsonObject object)) {
      throw invalid(DOCUMENT, "must be a JSON object, got " + kind(value));
    }
    return submission(object);
  }

  /**
   * One entry of a batch: its submission and the client's idempotency key for it (the optional
   * field {@code idempotencyKey}), or why it cannot be read; the others are read all the same.
   */
  public record BatchEntry(Submission submission, String idempotencyKey, List<Violation> problem) {
    public BatchEntry {
      problem = problem == null ? null : List.copyOf(problem);
    }

    public boolean isReadable() {
      return problem == null;
    }
  }

  /**
   * The submissions of a batch: a JSON array of at most {@code max} submissions, each read as
   * {@link #read} reads one, plus its optional {@code idempotencyKey}. A document that is not such
   * an array is refused as a whole ({@link MessageTooLargeException} for too many entries).
   */
  public static List<BatchEntry> readBatch(String json, int max) {
    JsonValue value = document(json, "a JSON array of submissions");
    if (!(value instanceof JsonArray array)) {
      throw invalid(DOCUMENT, "must be a JSON array of submissions, got " + kind(value));
    }
    if (array.isEmpty()) {
      throw invalid(DOCUMENT, "holds no submission");
    }
    if (array.size() > max) {
      throw new MessageTooLargeException(
          DOCUMENT,
          "holds " + array.size() + " submissions, more than the limit of " + max + " per batch");
    }
    List<BatchEntry> entries = new ArrayList<>(array.size());
    for (JsonValue item : array) {
      entries.add(entry(item));
    }
    return entries;
  }

  private static BatchEntry entry(JsonValue item) {
    if (!(item instanceof JsonObject object)) {
      return new BatchEntry(
          null, null, List.of(new Violation(DOCUMENT, "must be a JSON object, got " + kind(item))));
    }
    List<Violation> problems = new ArrayList<>();
    String key = null;
    JsonValue given = object.get(IDEMPOTENCY_KEY);
    if (given instanceof JsonString s) {
      key = s.getString();
      IdempotencyKey.problem(key).ifPresent(p -> problems.add(new Violation(IDEMPOTENCY_KEY, p)));
    } else if (given != null && given.getValueType() != JsonValue.ValueType.NULL) {
      problems.add(new Violation(IDEMPOTENCY_KEY, "must be a string, got " + kind(given)));
    }
    Submission submission = null;
    try {
      submission = submission(object);
    } catch (InvalidSubmissionException e) {
      problems.addAll(e.violations());
    }
    return problems.isEmpty()
        ? new BatchEntry(submission, key, null)
        : new BatchEntry(null, key, problems);
  }

  /** The field of a batch entry that carries its idempotency key. */
  public static final String IDEMPOTENCY_KEY = "idempotencyKey";

  private static JsonValue document(String json, String expected) {
    if (json == null || json.isBlank()) {
      throw invalid(DOCUMENT, "is empty: send " + expected);
    }
    JsonValue value;
    try (JsonParser parser = JSON.createParser(new StringReader(json))) {
      requireShallow(json);
      parser.next();
      value = parser.getValue();
      if (parser.hasNext()) {
        throw invalid(DOCUMENT, "is not valid JSON (more after the first value)");
      }
    } catch (JsonParsingException e) {
      var at = e.getLocation();
      throw invalid(
          DOCUMENT,
          "is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")"));
    } catch (InvalidSubmissionException e) {
      throw e;
    } catch (RuntimeException e) {
      // Parsson's own limits (nesting depth, number size) and anything else it finds unreadable.
      throw invalid(DOCUMENT, "is not valid JSON");
    }
    return value;
  }

  private static Submission submission(JsonObject object) {
    Fields fields = new Fields(object);
    Submission submission =
        new Submission(
            fields.string("from"),
            fields.strings("to"),
            fields.strings("cc"),
            fields.strings("bcc"),
            fields.string("subject"),
            fields.string("body"),
            fields.string("priority"),
            fields.string("deferUntil"),
            fields.string("expiresAt"),
            fields.strings("notify"),
            fields.stringLists("recipientNotify"),
            fields.string("envelopeId"),
            fields.string("ret"));
    if (!fields.violations.isEmpty()) {
      throw new InvalidSubmissionException(fields.violations);
    }
    return submission;
  }

  /**
   * A first pass over the events only: a submission nests three levels deep, and a document nested
   * thousands deep must not reach the tree builder's recursion.
   */
  private static void requireShallow(String json) {
    try (JsonParser scan = JSON.createParser(new StringReader(json))) {
      int depth = 0;
      while (scan.hasNext()) {
        JsonParser.Event event = scan.next();
        if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
          if (++depth > MAX_DEPTH) {
            throw invalid(DOCUMENT, "nests deeper than " + MAX_DEPTH + " levels");
          }
        } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
          depth--;
        }
      }
    }
  }

  private static InvalidSubmissionException invalid(String field, String reason) {
    return new InvalidSubmissionException(List.of(new Violation(field, reason)));
  }

  private static String kind(JsonValue value) {
    return switch (value.getValueType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case TRUE, FALSE -> "a boolean";
      case NULL -> "null";
    };
  }

  /** Typed access to an object's fields; a wrong type is noted and read as absent. */
  private static final class Fields {
    private final JsonObject object;
    private final List<Violation> violations = new ArrayList<>();

    Fields(JsonObject object) {
      this.object = object;
    }

    String string(String name) {
      JsonValue value = present(name);
      if (value == null) {
        return null;
      }
      if (value instanceof JsonString s) {
        return s.getString();
      }
      violations.add(new Violation(name, "must be a string, got " + kind(value)));
      return null;
    }

    List<String> strings(String name) {
      JsonValue value = present(name);
      return value == null ? null : strings(name, value);
    }

    Map<String, List<String>> stringLists(String name) {
      JsonValue value = present(name);
      if (value == null) {
        return null;
      }
      if (!(value instanceof JsonObject lists)) {
        violations.add(
            new Violation(
                name, "must be an object of address to array of strings, got " + kind(value)));
        return null;
      }
      Map<String, List<String>> result = new LinkedHashMap<>();
      lists.forEach(
          (key, entry) -> {
            List<String> list = strings(name + "[" + key + "]", entry);
            if (list != null) {
              result.put(key, list);
            }
          });
      return result;
    }

    private List<String> strings(String name, JsonValue value) {
      if (!(value instanceof JsonArray array)) {
        violations.add(new Violation(name, "must be an array of strings, got " + kind(value)));
        return null;
      }
      List<String> result = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i) instanceof JsonString s) {
          result.add(s.getString());
        } else {
          violations.add(
              new Violation(name + "[" + i + "]", "must be a string, got " + kind(array.get(i))));
        }
      }
      return result;
    }

    /** The value, or null when the field is absent or JSON null (both mean "not given"). */
    private JsonValue present(String name) {
      JsonValue value = object.get(name);
      return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }
  }
}
