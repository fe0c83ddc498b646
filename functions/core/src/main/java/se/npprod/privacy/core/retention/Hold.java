package se.npprod.privacy.core.retention;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A legal hold on a person's data (Art. 17(3)(e): a legal claim, an authority's order): while it
 * lasts the 24-month rule passes the person by, and each pass is audited. It ends after
 * {@code until}; the person is due at the first run after that.
 *
 * @param setBy who placed it (the privacy team member's IAM identity)
 */
public record Hold(String subject, String reason, String setBy, Instant setAt, LocalDate until) {
  public boolean holdsOn(LocalDate day) {
    return !day.isAfter(until);
  }

  @Override
  public String toString() {
    return "Hold[until=" + until + "]";
  }
}
