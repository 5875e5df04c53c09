package dev.spooler.submit.jms;

/** A JMS message that cannot be read as a submission at all: wrong type, bad JSON, no envelope. */
public class MalformedSubmissionException extends Exception {

  public MalformedSubmissionException(String reason) {
    super(reason);
  }
}
