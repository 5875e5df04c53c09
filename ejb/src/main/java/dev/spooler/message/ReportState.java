package dev.spooler.message;

/** Where a report is: on its way to the original sender, delivered, or given up. */
public enum ReportState {
  SENT,
  DELIVERED,
  /** Could not be delivered; never reported on, only recorded (no report about a report). */
  DROPPED
}
