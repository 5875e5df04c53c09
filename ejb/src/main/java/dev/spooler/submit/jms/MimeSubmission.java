package dev.spooler.submit.jms;

import dev.spooler.submit.Submission;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Reads a submission from an RFC 5322 MIME message and its envelope in JMS properties. The envelope
 * decides who sends and who receives (the MIME From/To/Cc headers are not read, as an MTA reads the
 * SMTP envelope, not the headers); the MIME message gives the subject and the text body. The store
 * keeps text only, so the body must be text/plain or a multipart holding one text/plain part.
 */
final class MimeSubmission {

  private final Session session = Session.getInstance(new Properties());

  /** {@code properties} answers a property's value, or null when the message has none. */
  Submission read(byte[] mime, Function<String, String> properties)
      throws MalformedSubmissionException {
    String sender = properties.apply(SubmitProperties.SENDER);
    if (sender == null || sender.isBlank()) {
      throw new MalformedSubmissionException(
          "missing property " + SubmitProperties.SENDER + " (the sender of a MIME submission)");
    }
    List<String> to = addresses(properties.apply(SubmitProperties.TO));
    List<String> cc = addresses(properties.apply(SubmitProperties.CC));
    List<String> bcc = addresses(properties.apply(SubmitProperties.BCC));
    if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
      throw new MalformedSubmissionException(
          "missing property "
              + SubmitProperties.TO
              + " (or "
              + SubmitProperties.CC
              + ", "
              + SubmitProperties.BCC
              + "): a MIME submission names its recipients in properties");
    }
    MimeMessage message;
    String subject;
    String body;
    try {
      message = new MimeMessage(session, new ByteArrayInputStream(mime));
      subject = message.getSubject();
      body =
          text(message)
              .orElseThrow(
                  () ->
                      new MalformedSubmissionException(
                          "the MIME message has no text/plain body (the store keeps text only)"));
    } catch (MessagingException | IOException e) {
      throw new MalformedSubmissionException("not a readable RFC 5322 message: " + e.getMessage());
    } catch (RuntimeException e) {
      // Angus Mail parses what it is given; arbitrary bytes can trip it in unchecked ways.
      throw new MalformedSubmissionException(
          "not a readable RFC 5322 message: " + e.getClass().getSimpleName());
    }
    String notify = properties.apply(SubmitProperties.NOTIFY);
    return new Submission(
        sender.strip(),
        to,
        cc,
        bcc,
        subject,
        body,
        properties.apply(SubmitProperties.PRIORITY),
        properties.apply(SubmitProperties.DEFER_UNTIL),
        properties.apply(SubmitProperties.EXPIRES_AT),
        notify == null ? null : addresses(notify),
        recipientNotify(properties.apply(SubmitProperties.RECIPIENT_NOTIFY)),
        properties.apply(SubmitProperties.ENVELOPE_ID),
        properties.apply(SubmitProperties.RET));
  }

  private static Optional<String> text(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      return Optional.of(StrictText.decode(part));
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        Optional<String> text = text(multipart.getBodyPart(i));
        if (text.isPresent()) {
          return text;
        }
      }
    }
    return Optional.empty();
  }

  /** A comma-separated list; blank entries are dropped. */
  static List<String> addresses(String list) {
    if (list == null) {
      return List.of();
    }
    return new ArrayList<>(
        Arrays.stream(list.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList());
  }

  private static Map<String, List<String>> recipientNotify(String json)
      throws MalformedSubmissionException {
    if (json == null) {
      return null;
    }
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonObject object = reader.readObject();
      Map<String, List<String>> notify = new LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
        notify.put(
            entry.getKey(),
            entry.getValue().asJsonArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList());
      }
      return notify;
    } catch (JsonException | ClassCastException e) {
      throw new MalformedSubmissionException(
          "property "
              + SubmitProperties.RECIPIENT_NOTIFY
              + " is not a JSON object of address to a list of events: "
              + e.getMessage());
    }
  }
}
