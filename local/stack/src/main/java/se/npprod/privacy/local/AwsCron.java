package se.npprod.privacy.local;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * An AWS cron expression: six fields (minutes, hours, day-of-month, month, day-of-week, year) with
 * {@code , - * / ? L W #}, read in the schedule's time zone.
 *
 * <p>The fields are Quartz's less its seconds (day-of-week 1-7 from Sunday, one of the two day
 * fields {@code ?}), so cron-utils' Quartz definition evaluates them with {@code 0} put in front.
 * It does so on the wall clock only, in UTC where no daylight saving change happens; this class
 * then places each wall-clock time in the zone the way EventBridge Scheduler does: "When the time
 * shifts forward in Spring, your schedule invocation gets skipped if the cron expression falls on a
 * non-existent date and time. When the time shifts back in the Fall, your schedule runs only once."
 * (cron-utils alone, in the zone, fires twice in the repeated hour.)
 */
final class AwsCron implements ScheduleExpression {
  private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

  private final String fields;
  private final ExecutionTime wallClock;
  private final ZoneId zone;

  private AwsCron(String fields, ExecutionTime wallClock, ZoneId zone) {
    this.fields = fields;
    this.wallClock = wallClock;
    this.zone = zone;
  }

  /** @throws IllegalArgumentException for fields EventBridge Scheduler would refuse (or cron-utils cannot read) */
  static AwsCron parse(String fields, ZoneId zone) {
    String[] parts = fields.strip().split("\\s+");
    // Quartz makes the year optional; AWS requires all six fields.
    if (parts.length != 6) {
      throw new IllegalArgumentException("cron(" + fields + ") has " + parts.length + " fields; AWS cron has six:"
          + " minutes hours day-of-month month day-of-week year");
    }
    Cron cron;
    try {
      cron = QUARTZ.parse("0 " + String.join(" ", parts)).validate();
    } catch (IllegalArgumentException e) {
      // cron-utils knows years up to 2099 only, where AWS takes up to 2199.
      throw new IllegalArgumentException("cron(" + fields + "): " + e.getMessage(), e);
    }
    return new AwsCron(String.join(" ", parts), ExecutionTime.forCron(cron), zone);
  }

  @Override
  public Optional<Instant> next(Instant after) {
    ZonedDateTime cursor = LocalDateTime.ofInstant(after, zone).atZone(ZoneOffset.UTC);
    while (true) {
      Optional<ZonedDateTime> candidate = wallClock.nextExecution(cursor);
      if (candidate.isEmpty()) {
        return Optional.empty();
      }
      cursor = candidate.get();
      LocalDateTime wall = cursor.toLocalDateTime();
      List<ZoneOffset> offsets = zone.getRules().getValidOffsets(wall);
      if (offsets.isEmpty()) {
        continue; // in the hour skipped in spring: that time never comes
      }
      // In the hour repeated in autumn, the first pass; a time already passed then does not come again.
      Instant time = wall.toInstant(offsets.get(0));
      if (time.isAfter(after)) {
        return Optional.of(time);
      }
    }
  }

  @Override
  public String toString() {
    return "cron(" + fields + ") in " + zone;
  }
}
