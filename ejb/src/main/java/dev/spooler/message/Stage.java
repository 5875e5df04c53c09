package dev.spooler.message;

/** Which part of the spooler changed a recipient's status: for the tracking log and events. */
public enum Stage {
  /** The pre-process stage, choosing a transport (or failing an unroutable recipient). */
  ROUTE,
  /** The transport stage, recording a provider's outcome or waiting for its circuit. */
  TRANSPORT,
  /** An operator's queue management action. */
  OPERATOR
}
