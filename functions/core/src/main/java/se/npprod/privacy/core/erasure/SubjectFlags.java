package se.npprod.privacy.core.erasure;

import java.time.Instant;
import java.util.Map;

/**
 * Port: what the rights other than erasure do to a subject's profile in our own table. The marks
 * every use of the data must respect: restricted (Art. 18: stored, used for nothing else) and
 * objected (Art. 21: no profiling, no direct marketing); and corrected contact details (Art. 16).
 * Each change is safe to make twice; a person we hold no profile for has nothing to change.
 */
public interface SubjectFlags {
  ConnectorResult restrict(String subject, Instant at);

  ConnectorResult object(String subject, Instant at);

  /**
   * Lifts the restriction mark (Art. 18(3)), once the person has been told; the time it was lifted
   * is kept on the profile.
   */
  ConnectorResult unrestrict(String subject, Instant at);

  /**
   * Sets the profile's corrected fields ({@link CorrectedFields}) as the newest contact details,
   * so that an older event from the shop arriving later does not undo them. Done once per request:
   * a repeated call changes nothing that newer activity has changed since.
   */
  ConnectorResult rectify(String subject, Map<String, String> fields, String requestId, Instant at);
}
