package se.npprod.privacy.core.consent;

import java.time.Instant;
import java.util.List;

/** Port: the append-only log of consent decisions. */
public interface ConsentStore {

  /**
   * Appends a record, counting it against the visitor's quota for the day in the same atomic
   * write; never overwrites one.
   *
   * @throws DailyLimitReached when the visitor already has {@code quota.limit()} decisions that
   *     day; nothing is written then
   */
  void append(ConsentRecord record, DailyQuota quota);

  /** Whether the visitor has any unexpired decision at {@code now}; cheaper than the history. */
  boolean isKnown(String consentId, Instant now);

  /**
   * The visitor's newest unexpired decisions at {@code now}, at most {@code limit} of them, oldest
   * first, and how many decisions the visitor has in all: from a bounded read, whatever the history.
   */
  History recent(String consentId, Instant now, int limit);

  /** One calendar day's allowance of decisions for one visitor. */
  record DailyQuota(String day, int limit, Instant resetsAt) {}

  /** The newest decisions, oldest first, and the count of all of them. */
  record History(List<ConsentRecord> newest, long total) {}
}
