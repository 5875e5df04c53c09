package dev.spooler.web;

import dev.spooler.management.QueueFilter;
import dev.spooler.management.QueueState;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A queue filter as the query of a listing or a bulk action gives it: {@code
 * /api/queue/{state}?sender=&recipient=&transport=&olderThan=PT1H&messageIdHeader=&subject=&from=&until=},
 * times as ISO-8601 instants.
 */
public class QueueFilterParams {

  @PathParam("state")
  String state;

  @QueryParam("sender")
  String sender;

  @QueryParam("recipient")
  String recipient;

  @QueryParam("transport")
  String transport;

  /** A minimum age since acceptance, an ISO-8601 duration such as PT1H. */
  @QueryParam("olderThan")
  String olderThan;

  /** The Message-ID header, exactly. */
  @QueryParam("messageIdHeader")
  String messageIdHeader;

  /** Words of the subject, case-insensitive. */
  @QueryParam("subject")
  String subject;

  /** Accepted at or after this instant. */
  @QueryParam("from")
  String from;

  /** Accepted before this instant. */
  @QueryParam("until")
  String until;

  /** The filter, or empty if a value is not what it should be ({@link #problem()} says which). */
  Optional<QueueFilter> toFilter() {
    Optional<QueueState> queue = QueueResource.state(state);
    if (queue.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new QueueFilter(
              queue.get(),
              sender,
              recipient,
              transport,
              blank(olderThan) ? null : Duration.parse(olderThan),
              messageIdHeader,
              subject,
              blank(from) ? null : Instant.parse(from),
              blank(until) ? null : Instant.parse(until)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  String problem() {
    return "state must be queued, deferred, held or dead-lettered (was '"
        + state
        + "'), olderThan an ISO-8601 duration such as PT1H (was '"
        + olderThan
        + "'), from and until ISO-8601 instants such as 2026-01-31T08:00:00Z, from before until"
        + " (were '"
        + from
        + "', '"
        + until
        + "')";
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
