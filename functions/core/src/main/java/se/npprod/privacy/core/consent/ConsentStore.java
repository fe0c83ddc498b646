package se.npprod.privacy.core.consent;

import java.time.Instant;
import java.util.List;

/** Port: the append-only log of consent decisions. */
public interface ConsentStore {

  /** Appends a record; never overwrites one. */
  void append(ConsentRecord record);

  /** Whether the visitor has any unexpired decision at {@code now}; cheaper than the history. */
  boolean isKnown(String consentId, Instant now);

  /** The visitor's unexpired decisions at {@code now}, oldest first. */
  List<ConsentRecord> history(String consentId, Instant now);
}
