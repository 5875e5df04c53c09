package dev.spooler.message;

/** An address that cannot be parsed; the message says why, for the client. */
public class InvalidAddressException extends IllegalArgumentException {

  public InvalidAddressException(String reason) {
    super(reason);
  }
}
