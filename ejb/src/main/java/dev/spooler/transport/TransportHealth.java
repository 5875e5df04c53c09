package dev.spooler.transport;

import java.time.Instant;

/** Whether a provider's messaging system answered on its last attempt, and since when. */
public record TransportHealth(State state, Instant since, String detail) {

  public enum State {
    UP,
    DOWN,
    UNKNOWN
  }

  public static TransportHealth unknown() {
    return new TransportHealth(State.UNKNOWN, null, "no attempt yet");
  }

  public static TransportHealth up(Instant since) {
    return new TransportHealth(State.UP, since, null);
  }
}
