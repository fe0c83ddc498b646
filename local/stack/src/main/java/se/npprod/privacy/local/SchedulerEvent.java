package se.npprod.privacy.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * What EventBridge Scheduler hands a Lambda target: the schedule's Input, verbatim but for its
 * context attributes; without an Input, the Scheduler's own event. That event is EventBridge's
 * envelope with {@code "source":"aws.scheduler"}, {@code "detail-type":"Scheduled Event"}, the
 * schedule's ARN in {@code resources}, and {@code detail} as the JSON <em>string</em> {@code "{}"},
 * not an object (as captured from AWS in Powertools for AWS Lambda's test event
 * eventBridgeSchedulerEvent.json, and the reason for its fix aws-powertools/powertools-lambda-python#6134).
 */
final class SchedulerEvent {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SchedulerEvent() {}

  /** What the Scheduler sends when {@code schedule} fires for {@code scheduledTime}. */
  static byte[] payload(Schedule schedule, Instant scheduledTime, String executionId) {
    if (schedule.input() != null) {
      return withContext(schedule.input(), schedule.arn(), scheduledTime, executionId, 1)
          .getBytes(StandardCharsets.UTF_8);
    }
    ObjectNode event = EventBus.envelope(UUID.randomUUID().toString(), scheduledTime, "aws.scheduler",
        "Scheduled Event", List.of(schedule.arn()), null);
    event.put("detail", "{}");
    return bytes(event);
  }

  /**
   * The payload of {@code ./dev run-schedule} with a date: the Input's JSON object with
   * {@code "date":"yyyy-mm-dd"} added, or an object of the date alone when there is no Input.
   *
   * @throws IllegalArgumentException if the Input is JSON but not an object
   */
  static byte[] withDate(Schedule schedule, Instant scheduledTime, String executionId, LocalDate date) {
    ObjectNode payload;
    if (schedule.input() == null) {
      payload = JSON.createObjectNode();
    } else {
      JsonNode input = parse(withContext(schedule.input(), schedule.arn(), scheduledTime, executionId, 1));
      if (!(input instanceof ObjectNode object)) {
        throw new IllegalArgumentException(schedule.id() + "'s Input is not a JSON object, so a date cannot be added");
      }
      payload = object;
    }
    payload.put("date", date.toString());
    return bytes(payload);
  }

  /**
   * The Input with the Scheduler's context attributes replaced: {@code <aws.scheduler.schedule-arn>},
   * {@code <aws.scheduler.scheduled-time>}, {@code <aws.scheduler.execution-id>} and
   * {@code <aws.scheduler.attempt-number>} (the Scheduler's own delivery attempt; Lambda's retries
   * of a failed function resend the same payload).
   */
  static String withContext(String input, String arn, Instant scheduledTime, String executionId, int attempt) {
    return input.replace("<aws.scheduler.schedule-arn>", arn)
        .replace("<aws.scheduler.scheduled-time>", scheduledTime.truncatedTo(ChronoUnit.SECONDS).toString())
        .replace("<aws.scheduler.execution-id>", executionId)
        .replace("<aws.scheduler.attempt-number>", Integer.toString(attempt));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the Input is not JSON", e);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
