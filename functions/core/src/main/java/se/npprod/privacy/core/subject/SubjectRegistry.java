package se.npprod.privacy.core.subject;

import java.util.Optional;

/** Port: the subject registry in the table. */
public interface SubjectRegistry {

  Optional<Profile> profile(String subject);

  /**
   * Writes the activity and the updated profile in one atomic step, only if the profile is still at
   * {@code expectedVersion} (0: no profile yet) and the activity's event id is not yet recorded.
   *
   * @return how it went; {@link Outcome#CONFLICT} means another writer moved the profile first
   */
  Outcome record(Activity activity, Profile updated, long expectedVersion, RecordActivity.Deadlines deadlines);

  enum Outcome { WRITTEN, DUPLICATE, CONFLICT }
}
