package se.npprod.privacy.core.erasure;

import java.util.List;
import se.npprod.privacy.core.subject.EmailAddress;

/**
 * Everything that identifies the person in some system, gathered before anything is erased and
 * kept with the plan: once the profile is gone from our table, the systems still to be asked must
 * be asked by the same identifiers.
 */
public record Identifiers(String subject, EmailAddress email, List<String> customerNumbers, List<String> phones) {
  @Override
  public String toString() {
    return "Identifiers[subject=" + subject + "]";
  }
}
