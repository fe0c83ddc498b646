package se.npprod.privacy.core.erasure;

import java.time.Instant;

/**
 * Port: the marks on a subject's profile that every use of the data must respect: restricted
 * (Art. 18: stored, used for nothing else) and objected (Art. 21: no profiling, no direct
 * marketing). Setting a mark twice changes nothing.
 */
public interface SubjectFlags {
  ConnectorResult restrict(String subject, Instant at);

  ConnectorResult object(String subject, Instant at);
}
