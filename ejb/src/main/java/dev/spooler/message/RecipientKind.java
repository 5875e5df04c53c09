package dev.spooler.message;

/** How a recipient was addressed: BCC recipients are delivered but never appear in headers. */
public enum RecipientKind {
  TO,
  CC,
  BCC
}
