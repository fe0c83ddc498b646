package se.npprod.privacy.core.mail;

import java.util.Locale;
import java.util.Objects;

/**
 * A mailbox from a header.
 *
 * @param email {@code local@domain}; the domain is lower-cased here (domains are case-blind), the
 *     local part is kept as sent (RFC 5321 leaves its case to the receiving host)
 * @param displayName the decoded name beside the address, empty when there is none
 */
public record Address(String email, String displayName) {

  public Address {
    Objects.requireNonNull(email, "email");
    int at = email.lastIndexOf('@');
    if (at >= 0) {
      email = email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT);
    }
    displayName = displayName == null ? "" : displayName;
  }

  /** Without the address or name, so that a logged record discloses nobody. */
  @Override
  public String toString() {
    return "Address[redacted]";
  }
}
