package dev.spooler.message;

/**
 * Who a message belongs to: the principal that submitted it, and its sender address. A user owns
 * what it submitted and what was sent from its own local address.
 */
public record MessageOwner(String submittedBy, String sender) {

  public boolean isOwnedBy(String principal) {
    return principal.equals(submittedBy) || ("LOCAL:" + principal).equals(sender);
  }
}
