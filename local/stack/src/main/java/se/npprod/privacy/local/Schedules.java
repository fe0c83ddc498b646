package se.npprod.privacy.local;

import static se.npprod.privacy.local.cloud.Template.list;
import static se.npprod.privacy.local.cloud.Template.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import se.npprod.privacy.local.cloud.Template;

/**
 * The EventBridge Scheduler schedules of template.yaml that target its functions: every function's
 * {@code ScheduleV2} events, in template order, then {@code AWS::Scheduler::Schedule} resources
 * whose {@code Target.Arn} names a function of the template ({@code !GetAtt F.Arn} or {@code !Ref F}).
 *
 * <p>Each is checked as the Scheduler checks it when the stack is created: an expression it would
 * refuse, an unknown time zone or an Input that is not JSON stops the start. Read but not played:
 * RetryPolicy, DeadLetterConfig and MaximumEventAgeInSeconds (they govern the Scheduler's own
 * retries when it cannot hand the event to Lambda, which locally it always can; a function's error
 * is retried by Lambda's asynchronous invocation, as for every other asynchronous source), and a
 * FLEXIBLE time window (the Scheduler may fire anywhere in it; the local stack fires at its start).
 */
final class Schedules {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Schedules() {}

  /** @param ref what a {@code !Ref} to a parameter or provisioned resource resolves to */
  static List<Schedule> from(Template template, UnaryOperator<String> ref) {
    List<Schedule> schedules = new ArrayList<>();
    Set<String> functions = template.resources("AWS::Serverless::Function").stream()
        .map(Template.Resource::logicalId).collect(Collectors.toSet());
    for (Template.Resource function : template.resources("AWS::Serverless::Function")) {
      map(function.properties().get("Events")).forEach((event, value) -> {
        Map<String, Object> e = map(value);
        if ("ScheduleV2".equals(e.get("Type"))) {
          String id = function.logicalId() + "." + event;
          Map<String, Object> p = map(e.get("Properties"));
          String name = text(p.get("Name"), function.logicalId() + event, ref, id);
          schedules.add(schedule(id, function.logicalId(), name, p, text(p.get("Input"), null, ref, id), ref));
        }
      });
    }
    for (Template.Resource resource : template.resources("AWS::Scheduler::Schedule")) {
      Map<String, Object> p = resource.properties();
      Map<String, Object> target = map(p.get("Target"));
      String functionId = targetId(target.get("Arn"));
      if (functionId == null || !functions.contains(functionId)) {
        System.err.println("local stack: schedule " + resource.logicalId() + " targets something other than a function"
            + " of this template; the local stack does not play it");
        continue;
      }
      String name = text(p.get("Name"), resource.logicalId(), ref, resource.logicalId());
      schedules.add(schedule(resource.logicalId(), functionId, name, p,
          text(target.get("Input"), null, ref, resource.logicalId()), ref));
    }
    return schedules;
  }

  private static Schedule schedule(String id, String functionId, String name, Map<String, Object> p, String input,
      UnaryOperator<String> ref) {
    String expression = text(p.get("ScheduleExpression"), null, ref, id);
    if (expression == null) {
      throw new IllegalStateException(id + ": ScheduleExpression is required");
    }
    String zoneName = text(p.get("ScheduleExpressionTimezone"), "UTC", ref, id);
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      throw new IllegalStateException(id + ": ScheduleExpressionTimezone " + zoneName + " is no time zone", e);
    }
    if (input != null) {
      requireJson(id, input);
    }
    Map<String, Object> window = map(p.get("FlexibleTimeWindow"));
    Duration flexible = "FLEXIBLE".equals(window.get("Mode"))
        ? Duration.ofMinutes(Long.parseLong(String.valueOf(window.get("MaximumWindowInMinutes")))) : Duration.ZERO;
    Schedule schedule = new Schedule(id, functionId, name, text(p.get("GroupName"), "default", ref, id), expression, zone,
        input, !"DISABLED".equals(text(p.get("State"), "ENABLED", ref, id)), date(p.get("StartDate"), ref, id),
        date(p.get("EndDate"), ref, id), flexible);
    try {
      schedule.times(Instant.EPOCH);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(id + ": ScheduleExpression " + e.getMessage(), e);
    }
    return schedule;
  }

  /**
   * A Lambda target's Input must be well-formed JSON; the context attributes
   * ({@code <aws.scheduler.scheduled-time>}, ...) are checked as the values they become.
   */
  private static void requireJson(String id, String input) {
    try {
      JSON.readTree(SchedulerEvent.withContext(input, "arn", Instant.EPOCH, "0", 1));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(id + ": Input is not well-formed JSON, which a Lambda target needs", e);
    }
  }

  /** StartDate and EndDate are in UTC: an ISO date-time with an offset, or without one. */
  private static Instant date(Object value, UnaryOperator<String> ref, String id) {
    String text = text(value, null, ref, id);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException withoutOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        throw new IllegalStateException(id + ": " + text + " is not an ISO 8601 date and time", e);
      }
    }
  }

  /** A scalar property: itself, a {@code !Ref} resolved, or {@code otherwise} when absent. */
  private static String text(Object value, String otherwise, UnaryOperator<String> ref, String id) {
    if (value == null) {
      return otherwise;
    }
    if (value instanceof Map<?, ?> m) {
      if (m.size() == 1 && m.containsKey("Ref")) {
        return ref.apply(String.valueOf(m.get("Ref")));
      }
      throw new IllegalStateException(id + ": " + m.keySet() + " in a schedule's property is not played by the local"
          + " stack; give the value, or a !Ref");
    }
    return String.valueOf(value);
  }

  /** The logical id a target's Arn names ({@code !GetAtt F.Arn} or {@code !Ref F}), or null. */
  private static String targetId(Object arn) {
    Map<String, Object> m = arn instanceof Map<?, ?> ? map(arn) : Map.of();
    if (m.containsKey("Fn::GetAtt")) {
      return String.valueOf(list(m.get("Fn::GetAtt")).get(0));
    }
    return m.containsKey("Ref") ? String.valueOf(m.get("Ref")) : null;
  }
}
