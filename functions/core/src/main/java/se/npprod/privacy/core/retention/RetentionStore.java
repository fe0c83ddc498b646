package se.npprod.privacy.core.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: what the retention scan reads and changes in the table. */
public interface RetentionStore {

  /** One page of the index for a day; {@code cursor} continues it, empty when the day is done. */
  record Page(List<DueEntry> entries, Optional<String> cursor) {}

  Page due(LocalDate day, Optional<String> cursor, int limit);

  /**
   * Where the scan stands: the run's day, the index day and page it has reached, and the last run
   * day that finished ({@code lastFinished}), from which the next run starts.
   */
  record Checkpoint(LocalDate runDay, LocalDate day, Optional<String> cursor, boolean finished,
      Optional<LocalDate> lastFinished) {}

  Optional<Checkpoint> checkpoint();

  void saveCheckpoint(Checkpoint checkpoint);

  Optional<Hold> hold(String subject);

  /** Places or replaces the person's hold; its record is kept until {@code keepRecordUntil}. */
  void placeHold(Hold hold, Instant keepRecordUntil);

  /**
   * Lists a held person's profile again on {@code day} (never before their own deadline), and
   * keeps every item of theirs until {@code keepUntil}: TTL, the backstop, must not delete what a
   * hold keeps.
   */
  void defer(String subject, LocalDate day, Instant keepUntil);

  enum InvoiceOutcome {
    /** Past its bookkeeping period: deleted. */
    DELETED,
    /** Past its bookkeeping period but the customer is still active: it now goes with the rest. */
    KEPT_WITH_CUSTOMER,
    /** Gone already, or not yet past its period. */
    NOTHING
  }

  /** An invoice at the end of its bookkeeping period ({@code deletableFrom} on or before {@code today}). */
  InvoiceOutcome expireInvoice(String pk, String sk, LocalDate today);

  /**
   * Deletes what the entry stands for if its keep-period is over at {@code now}: a token, a
   * consent decision, or a closed request's record with its audit events; the number of items
   * deleted (0 if kept: a request still open, a period moved).
   */
  int deleteExpired(DueEntry entry, Instant now);

  /** An audit line of the run, in codes only: a hold passed over, a request record removed. */
  void note(LocalDate runDay, Instant at, String what, Map<String, String> details);
}
