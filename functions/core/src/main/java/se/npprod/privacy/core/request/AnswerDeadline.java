package se.npprod.privacy.core.request;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The last day to answer a request (Art. 12(3) GDPR), counted as IMY describes it: from the date
 * the request arrived, the same date one month later; the month's last day when that date does
 * not exist (31 January gives 28 or 29 February); and when that day is not a working day (see
 * {@link SwedishHolidays}), the next working day. The answer is due by the end of that day.
 *
 * <p>Calendar months and days are counted in the policy's time zone, not in UTC: a mail that
 * arrives at 00:30 on 1 January in Stockholm arrived on 1 January, whatever UTC says.
 */
public final class AnswerDeadline {
  /** Art. 12(3): "within one month of receipt". */
  public static final Period ONE_MONTH = Period.ofMonths(1);
  /** One month plus the "further two months" an extension allows, counted from receipt. */
  public static final Period EXTENDED = Period.ofMonths(3);

  private AnswerDeadline() {}

  /** The last day to answer within one month of receipt. */
  public static LocalDate dueDate(Instant receivedAt, ZoneId zone) {
    return dueDate(receivedAt, zone, ONE_MONTH);
  }

  /**
   * The last day of {@code period} from receipt. {@link LocalDate#plus} already gives the month's
   * last day when the same date does not exist, which is the rule.
   */
  public static LocalDate dueDate(Instant receivedAt, ZoneId zone, Period period) {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("An answer period must be positive: " + period);
    }
    LocalDate received = receivedAt.atZone(zone).toLocalDate();
    return SwedishHolidays.nextWorkingDay(received.plus(period));
  }

  /** The last day to answer when the controller has extended the deadline (Art. 12(3)). */
  public static LocalDate extendedDueDate(Instant receivedAt, ZoneId zone) {
    return dueDate(receivedAt, zone, EXTENDED);
  }

  /**
   * Whether an extension can still be given: the notice with its reasons must reach the person
   * within the first month, so at the latest by the end of the one-month due date.
   */
  public static boolean extensionStillPossible(Instant receivedAt, Instant now, ZoneId zone) {
    Objects.requireNonNull(now, "now");
    return !now.isAfter(endOfDay(dueDate(receivedAt, zone), zone));
  }

  /**
   * The last instant of {@code date} in {@code zone} (23:59:59.999999999 local time): a deadline
   * runs to the end of its day. Taken as one nanosecond before the next day starts, so that it
   * stays right in a zone whose clocks change at midnight.
   */
  public static Instant endOfDay(LocalDate date, ZoneId zone) {
    return date.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
  }
}
