package se.npprod.privacy.core.retention;

import java.time.LocalDate;

/**
 * One entry of the "due" index: an item whose retention ends on {@code day}, by its table key. The
 * index lists only what carries a deadline, so a run reads about one entry per thing due.
 */
public record DueEntry(Kind kind, LocalDate day, String pk, String sk) {
  public enum Kind {
    /** A person's profile: their 24 months since the last order or support contact are over. */
    SUBJECT,
    /** An invoice whose bookkeeping period is over. */
    INVOICE,
    /** A closed request's record, kept for accountability, whose keep-period is over. */
    REQUEST,
    /** A confirmation, download or processor link past its validity. */
    TOKEN,
    /** A consent decision past its proof retention. */
    CONSENT
  }
}
