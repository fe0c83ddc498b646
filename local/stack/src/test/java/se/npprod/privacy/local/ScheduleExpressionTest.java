package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a schedule fires, as "Schedule types on EventBridge Scheduler" describes it. */
class ScheduleExpressionTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
  private static final Instant CREATED = Instant.parse("2026-01-01T10:17:31Z");

  /** The first {@code n} times strictly after {@code after}, as ISO instants. */
  private static List<String> times(String expression, ZoneId zone, String after, int n) {
    ScheduleExpression e = ScheduleExpression.parse(expression, zone, CREATED);
    List<String> times = new ArrayList<>();
    Optional<Instant> next = e.next(Instant.parse(after));
    while (next.isPresent() && times.size() < n) {
      times.add(next.get().toString());
      next = e.next(next.get());
    }
    return times;
  }

  @Test
  void aRateRunsFromItsFirstOccurrenceEveryPeriod() {
    assertThat(times("rate(1 minute)", UTC, "2026-01-01T10:00:00Z", 3))
        .as("the first occurrence is the moment it was created").containsExactly(
            "2026-01-01T10:17:31Z", "2026-01-01T10:18:31Z", "2026-01-01T10:19:31Z");
    assertThat(times("rate(1 hour)", UTC, "2026-01-01T12:00:00Z", 2))
        .containsExactly("2026-01-01T12:17:31Z", "2026-01-01T13:17:31Z");
    assertThat(times("rate(15 minutes)", UTC, "2026-01-01T10:17:31Z", 2))
        .as("strictly after").containsExactly("2026-01-01T10:32:31Z", "2026-01-01T10:47:31Z");
  }

  @Test
  void aDayOfARateIs24HoursAcrossADaylightSavingChange() {
    ScheduleExpression daily = ScheduleExpression.parse("rate(1 day)", STOCKHOLM, Instant.parse("2026-03-28T01:15:00Z"));

    assertThat(daily.next(Instant.parse("2026-03-28T01:15:00Z")))
        .as("02:15 in Stockholm the day before summer time, 03:15 the day it starts")
        .contains(Instant.parse("2026-03-29T01:15:00Z"));
    assertThat(ScheduleExpression.parse("rate(2 days)", UTC, CREATED).next(CREATED))
        .contains(Instant.parse("2026-01-03T10:17:31Z"));
  }

  @Test
  void aRatesUnitIsSingularForOneAndPluralAbove() {
    assertThatThrownBy(() -> ScheduleExpression.parse("rate(1 hours)", UTC, CREATED)).hasMessageContaining("singular");
    assertThatThrownBy(() -> ScheduleExpression.parse("rate(5 hour)", UTC, CREATED)).hasMessageContaining("plural");
    assertThatThrownBy(() -> ScheduleExpression.parse("rate(0 minutes)", UTC, CREATED)).hasMessageContaining("positive");
    assertThatThrownBy(() -> ScheduleExpression.parse("rate(1 week)", UTC, CREATED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCronRunsAtItsTimesInItsTimeZone() {
    assertThat(times("cron(15 2 * * ? *)", STOCKHOLM, "2026-01-10T00:00:00Z", 2))
        .as("02:15 in Stockholm in winter is 01:15 UTC").containsExactly("2026-01-10T01:15:00Z", "2026-01-11T01:15:00Z");
    assertThat(times("cron(15 2 * * ? *)", STOCKHOLM, "2026-07-10T00:00:00Z", 1))
        .as("and in summer 00:15 UTC").containsExactly("2026-07-10T00:15:00Z");
    assertThat(times("cron(0/15 8-9 ? * MON-FRI *)", UTC, "2026-01-02T09:40:00Z", 3))
        .as("steps, ranges and named days: Friday 2 January, then Monday")
        .containsExactly("2026-01-02T09:45:00Z", "2026-01-05T08:00:00Z", "2026-01-05T08:15:00Z");
    assertThat(times("cron(0 12 1,15 JAN,JUL ? *)", UTC, "2026-01-01T13:00:00Z", 3))
        .containsExactly("2026-01-15T12:00:00Z", "2026-07-01T12:00:00Z", "2026-07-15T12:00:00Z");
  }

  @Test
  void lastWeekdayAndNthDayOfWeekAreAwsCronsWildcards() {
    assertThat(times("cron(0 10 L * ? *)", UTC, "2026-01-01T00:00:00Z", 3))
        .as("L: the last day of the month").containsExactly(
            "2026-01-31T10:00:00Z", "2026-02-28T10:00:00Z", "2026-03-31T10:00:00Z");
    assertThat(times("cron(0 10 15W * ? *)", UTC, "2026-02-01T00:00:00Z", 2))
        .as("W: the weekday nearest the 15th; 15 February 2026 is a Sunday, so Monday the 16th")
        .containsExactly("2026-02-16T10:00:00Z", "2026-03-16T10:00:00Z");
    assertThat(times("cron(0 10 ? * 3#2 *)", UTC, "2026-01-01T00:00:00Z", 2))
        .as("#: the second Tuesday (day-of-week 1 is Sunday)")
        .containsExactly("2026-01-13T10:00:00Z", "2026-02-10T10:00:00Z");
    assertThat(times("cron(0 10 ? * 6L *)", UTC, "2026-01-01T00:00:00Z", 2))
        .as("L in day-of-week: the last Friday").containsExactly("2026-01-30T10:00:00Z", "2026-02-27T10:00:00Z");
  }

  @Test
  void theYearFieldEndsACron() {
    assertThat(times("cron(0 0 1 1 ? 2030-2031)", UTC, "2026-01-01T00:00:00Z", 5))
        .containsExactly("2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z");
  }

  @Test
  void aCronNeedsAllSixFieldsAndAQuestionMarkInOneDayField() {
    assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 10 * * ?)", UTC, CREATED))
        .as("Quartz's optional year is not optional in AWS").hasMessageContaining("six");
    assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 10 * * * *)", UTC, CREATED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScheduleExpression.parse("cron(61 10 * * ? *)", UTC, CREATED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTimeThatDoesNotExistWhenSummerTimeStartsIsSkipped() {
    // Sunday 29 March 2026: Stockholm's clocks go from 02:00 to 03:00.
    assertThat(times("cron(15 2 * * ? *)", STOCKHOLM, "2026-03-27T12:00:00Z", 3)).containsExactly(
        "2026-03-28T01:15:00Z", "2026-03-30T00:15:00Z", "2026-03-31T00:15:00Z");
  }

  @Test
  void aTimeThatHappensTwiceWhenSummerTimeEndsRunsOnce() {
    // Sunday 25 October 2026: Stockholm's clocks go from 03:00 back to 02:00; 02:00-02:59 come twice.
    assertThat(times("cron(15 2 * * ? *)", STOCKHOLM, "2026-10-24T12:00:00Z", 3))
        .as("at the first 02:15 (summer time) only").containsExactly(
            "2026-10-25T00:15:00Z", "2026-10-26T01:15:00Z", "2026-10-27T01:15:00Z");
    assertThat(times("cron(0/20 2 * * ? *)", STOCKHOLM, "2026-10-24T23:30:00Z", 4))
        .as("every 20 minutes of 02:xx: three times, not six").containsExactly(
            "2026-10-25T00:00:00Z", "2026-10-25T00:20:00Z", "2026-10-25T00:40:00Z", "2026-10-26T01:00:00Z");
    assertThat(times("cron(30 2 * * ? *)", STOCKHOLM, "2026-10-25T01:10:00Z", 1))
        .as("asked during the repeated hour, after 02:30 came once: tomorrow").containsExactly("2026-10-26T01:30:00Z");
  }

  @Test
  void anAtRunsOnceAtItsTimeInItsTimeZone() {
    assertThat(times("at(2026-06-01T09:00:00)", STOCKHOLM, "2026-01-01T00:00:00Z", 3))
        .containsExactly("2026-06-01T07:00:00Z");
    assertThat(times("at(2026-06-01T09:00:00)", UTC, "2026-06-01T09:00:00Z", 1)).as("once it has passed").isEmpty();
    assertThatThrownBy(() -> ScheduleExpression.parse("at(2026-02-30T09:00:00)", UTC, CREATED))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
