package se.npprod.privacy.local;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When an EventBridge Scheduler schedule fires: {@code rate(value unit)}, {@code cron(fields)} or
 * {@code at(yyyy-mm-ddThh:mm:ss)}, as "Schedule types on EventBridge Scheduler" defines them.
 */
interface ScheduleExpression {
  Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
  Pattern CRON = Pattern.compile("cron\\((.*)\\)");
  Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");

  /** The first time strictly after {@code after} that the expression names; empty when there is none. */
  Optional<Instant> next(Instant after);

  /** The first time at or after {@code at}. */
  default Optional<Instant> firstAtOrAfter(Instant at) {
    return next(at.minusNanos(1));
  }

  /**
   * @param zone the schedule's ScheduleExpressionTimezone, in which cron and at expressions are read
   * @param rateStart a rate's first occurrence: the schedule's StartDate, or the moment it was
   *     created, since a rate schedule without a StartDate "starts invoking its target immediately"
   * @throws IllegalArgumentException for an expression EventBridge Scheduler would refuse
   */
  static ScheduleExpression parse(String text, ZoneId zone, Instant rateStart) {
    String expression = text.strip();
    Matcher rate = RATE.matcher(expression);
    if (rate.matches()) {
      return Rate.of(rate.group(1), rate.group(2), rateStart);
    }
    Matcher at = AT.matcher(expression);
    if (at.matches()) {
      try {
        return new At(LocalDateTime.parse(at.group(1)).atZone(zone).toInstant());
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("not a date and time: " + expression, e);
      }
    }
    Matcher cron = CRON.matcher(expression);
    if (cron.matches()) {
      return AwsCron.parse(cron.group(1), zone);
    }
    throw new IllegalArgumentException("not rate(value unit), cron(fields) or at(yyyy-mm-ddThh:mm:ss): " + expression);
  }

  /**
   * Every {@code period} from {@code first}. A day is 24 hours even across a daylight saving change:
   * the Scheduler evaluates a rate "24 hours after the schedule's last invocation".
   */
  record Rate(Duration period, Instant first) implements ScheduleExpression {
    static Rate of(String value, String unit, Instant first) {
      long n;
      try {
        n = Long.parseLong(value);
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n <= 0) {
        throw new IllegalArgumentException("a rate's value must be a positive whole number: rate(" + value + " " + unit + ")");
      }
      // "If the value is equal to 1, then the unit must be singular", and plural above 1.
      if ((n == 1) == unit.endsWith("s")) {
        throw new IllegalArgumentException("rate(" + value + " " + unit + "): the unit is singular for 1 and plural"
            + " otherwise");
      }
      Duration each = switch (unit.replaceAll("s$", "")) {
        case "minute" -> Duration.ofMinutes(1);
        case "hour" -> Duration.ofHours(1);
        default -> Duration.ofDays(1);
      };
      return new Rate(each.multipliedBy(n), first);
    }

    @Override
    public Optional<Instant> next(Instant after) {
      if (after.isBefore(first)) {
        return Optional.of(first);
      }
      long periods = Duration.between(first, after).dividedBy(period) + 1;
      return Optional.of(first.plus(period.multipliedBy(periods)));
    }
  }

  /** Once, at a time read in the schedule's time zone. */
  record At(Instant time) implements ScheduleExpression {
    @Override
    public Optional<Instant> next(Instant after) {
      return time.isAfter(after) ? Optional.of(time) : Optional.empty();
    }
  }
}
