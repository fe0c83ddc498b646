package se.npprod.privacy.core.subject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * What the registry knows about one data subject, across systems: the newest contact details, every
 * customer number and system that holds data, and the clock of the 24-month rule. {@code version}
 * guards concurrent updates.
 */
public record Profile(String subject, EmailAddress email, String name, String phone, Set<String> customerNumbers,
    Set<String> systems, Instant contactUpdatedAt, Instant lastActivityAt, LocalDate deadline, Instant expiresAt,
    long version) {

  @Override
  public String toString() {
    return "Profile[subject=" + subject + ", version=" + version + "]";
  }
}
