package se.npprod.privacy.local;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import se.npprod.privacy.local.emulators.Endpoints;

/**
 * One EventBridge Scheduler schedule whose target is a function of the template: a function's
 * {@code ScheduleV2} event, or an {@code AWS::Scheduler::Schedule} resource.
 *
 * @param id what the local stack names it by: {@code Function.Event} for a ScheduleV2 event, the
 *     logical id for a resource
 * @param name the schedule's name in AWS (SAM's default: the function's logical id and the event's name)
 * @param input the target's Input, JSON text, or null: then the Scheduler sends its own event
 * @param startDate StartDate, or null
 * @param endDate EndDate, or null
 * @param flexibleWindow FlexibleTimeWindow's MaximumWindowInMinutes; zero for Mode OFF
 */
record Schedule(String id, String functionId, String name, String group, String expression, ZoneId zone,
    String input, boolean enabled, Instant startDate, Instant endDate, Duration flexibleWindow) {

  /** The schedule's ARN, as the Scheduler's event names it in {@code resources}. */
  String arn() {
    return "arn:aws:scheduler:" + Endpoints.REGION + ":" + EventBus.ACCOUNT + ":schedule/" + group + "/" + name;
  }

  /**
   * The schedule's times from {@code created} (when the local stack started it) on, within its
   * StartDate and EndDate. A one-time schedule ignores both, as the Scheduler does.
   *
   * @throws IllegalArgumentException if the expression is not one EventBridge Scheduler takes
   */
  ScheduleExpression times(Instant created) {
    ScheduleExpression times = ScheduleExpression.parse(expression, zone, startDate != null ? startDate : created);
    if (times instanceof ScheduleExpression.At) {
      return times;
    }
    return new Window(times, startDate, endDate);
  }

  /** The expression and zone as a person reads them: {@code cron(15 2 * * ? *) Europe/Stockholm}. */
  String describe() {
    return expression + (zone.normalized().equals(ZoneOffset.UTC) ? "" : " " + zone.getId());
  }

  /** An expression's times on or after a StartDate and on or before an EndDate (null: no bound). */
  private record Window(ScheduleExpression times, Instant start, Instant end) implements ScheduleExpression {
    @Override
    public Optional<Instant> next(Instant after) {
      Instant from = start != null && after.isBefore(start) ? start.minusNanos(1) : after;
      return times.next(from).filter(t -> end == null || !t.isAfter(end));
    }
  }
}
