package se.npprod.privacy.core.subject;

import java.time.LocalDate;
import java.time.MonthDay;
import se.npprod.privacy.core.policy.Policy;

/**
 * Bokföringslagen 7 kap. 2 §: accounting records are kept until the end of the seventh year after
 * the calendar year in which the fiscal year ended. An invoice's accounting fields may therefore be
 * deleted from 1 January of (fiscal-year-end year + years + 1).
 */
public final class Bookkeeping {
  private Bookkeeping() {}

  public static LocalDate deletableFrom(LocalDate invoiceDate, Policy.Bookkeeping rule) {
    LocalDate fiscalYearEnd = fiscalYearEnd(invoiceDate, rule.fiscalYearEnd());
    return LocalDate.of(fiscalYearEnd.getYear() + rule.years() + 1, 1, 1);
  }

  /** The end of the fiscal year the date falls in: the first fiscal-year-end day on or after it. */
  static LocalDate fiscalYearEnd(LocalDate date, MonthDay end) {
    LocalDate thisYear = end.atYear(date.getYear());
    return date.isAfter(thisYear) ? end.atYear(date.getYear() + 1) : thisYear;
  }
}
