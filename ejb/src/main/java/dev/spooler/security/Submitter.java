package dev.spooler.security;

/**
 * Who submits: an authenticated principal, and whether it may use any From (administrators). The
 * entry point that authenticated the caller says so; the store keeps the principal's name.
 */
public record Submitter(String principal, boolean anyFrom) {

  public Submitter {
    if (principal == null || principal.isBlank()) {
      throw new IllegalArgumentException("a submitter has a name");
    }
  }
}
