package se.npprod.privacy.core.subject;

import java.time.Instant;
import java.util.Optional;

/** Port: the subject registry in the table. */
public interface SubjectRegistry {

  Optional<Profile> profile(String subject);

  /**
   * Writes the activity and the updated profile in one atomic step, only if the profile is still at
   * {@code expectedVersion} (0: no profile yet) and the activity's event id is not yet recorded.
   * The profile's marks (restriction, objection) are kept: no activity clears them.
   *
   * @return how it went; {@link Outcome#CONFLICT} means another writer moved the profile first
   */
  Outcome record(Activity activity, Profile updated, long expectedVersion, RecordActivity.Deadlines deadlines);

  /**
   * Raises the expiry (the TTL backstop) of every item of the subject to at least {@code until}:
   * the subject's new deadline after new activity, or the end of a legal hold. Lowers nothing.
   *
   * @return how many items were moved
   */
  int keepUntil(String subject, Instant until);

  /**
   * Whether the subject has been erased: a tombstone of theirs exists. Read consistently, so an
   * erasure completed a moment ago counts.
   */
  boolean erased(String subject);

  enum Outcome { WRITTEN, DUPLICATE, CONFLICT }
}
