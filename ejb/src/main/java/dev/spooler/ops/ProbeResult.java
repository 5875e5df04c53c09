package dev.spooler.ops;

/** One readiness probe's answer: the dependency's name, whether it is up, and why not. */
public record ProbeResult(String name, Status status, String error) {

  public enum Status {
    UP,
    DOWN
  }

  public static ProbeResult up(String name) {
    return new ProbeResult(name, Status.UP, null);
  }

  public static ProbeResult down(String name, Exception cause) {
    return new ProbeResult(name, Status.DOWN, String.valueOf(cause));
  }

  public static ProbeResult down(String name, String why) {
    return new ProbeResult(name, Status.DOWN, why);
  }

  public boolean isUp() {
    return status == Status.UP;
  }
}
