package se.npprod.privacy.core.erasure;

import java.time.Instant;

/**
 * Port: this system's own table, erased for one subject. Every personal item of the subject's
 * partition goes; each invoice is cut down to the policy's bookkeeping fields, marked restricted
 * (no use but storage) and kept until its bookkeeping deadline. Safe to run again: a second run
 * finds nothing more to do and reports the same kept invoices.
 */
public interface SubjectEraser {
  /** @return counts by kind: {@code deleted}, {@code invoicesKept} (and any others the adapter names) */
  ConnectorResult erase(String subject, Instant now);
}
