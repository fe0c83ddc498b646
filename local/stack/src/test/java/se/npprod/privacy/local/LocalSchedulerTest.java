package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.local.RuntimeApi.Outcome;

/** The local scheduler with a clock the test sets and functions that record what they get. */
class LocalSchedulerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant CREATED = Instant.parse("2026-01-01T10:17:31Z");
  private static final List<Duration> QUICK = List.of(Duration.ofMillis(10), Duration.ofMillis(20));

  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final AsyncInvoker invoker = new AsyncInvoker(QUICK, log::add);
  private final List<LocalScheduler> schedulers = new ArrayList<>();

  @AfterEach
  void stop() {
    schedulers.forEach(LocalScheduler::close);
    invoker.close();
  }

  private static Schedule schedule(String expression, String input) {
    return new Schedule("RetentionFunction.Daily", "RetentionFunction", "RetentionFunctionDaily", "default", expression,
        ZoneOffset.UTC, input, true, null, null, Duration.ZERO);
  }

  private static Schedule with(Schedule s, boolean enabled, Instant start, Instant end) {
    return new Schedule(s.id(), s.functionId(), s.name(), s.group(), s.expression(), s.zone(), s.input(), enabled, start,
        end, s.flexibleWindow());
  }

  private LocalScheduler scheduler(Clock clock, Schedule... schedules) {
    AsyncInvoker.Target recorder = event -> {
      received.add(new String(event, StandardCharsets.UTF_8));
      return new Outcome.Response("{\"erased\":0}".getBytes(StandardCharsets.UTF_8));
    };
    LocalScheduler scheduler = new LocalScheduler(List.of(schedules), Map.of("RetentionFunction", recorder), invoker,
        clock, log::add);
    schedulers.add(scheduler);
    return scheduler;
  }

  private LocalScheduler scheduler(Schedule... schedules) {
    return scheduler(Clock.fixed(CREATED, ZoneOffset.UTC), schedules);
  }

  /**
   * What the functions got, once every invocation (and retry) has ended: invocations run
   * concurrently, so a test that expects an order waits for each.
   */
  private List<String> received() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!invoker.idle() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return received;
  }

  @Test
  void aScheduleInvokesItsFunctionAtItsTimesWithTheInputVerbatimButForContextAttributes() throws Exception {
    LocalScheduler scheduler = scheduler(schedule("cron(0 * * * ? *)",
        "{\"job\": \"retention\", \"for\": \"<aws.scheduler.scheduled-time>\"}"));

    scheduler.fireDue(Instant.parse("2026-01-01T10:59:59Z"));
    assertThat(received()).isEmpty();
    scheduler.fireDue(Instant.parse("2026-01-01T11:00:00Z"));
    scheduler.fireDue(Instant.parse("2026-01-01T11:00:30Z"));

    assertThat(received()).containsExactly("{\"job\": \"retention\", \"for\": \"2026-01-01T11:00:00Z\"}");
    assertThat(log).singleElement().asString().contains("RetentionFunction.Daily", "fired for 2026-01-01T11:00:00Z",
        "RetentionFunction invoked asynchronously").doesNotContain("retention\"");
    assertThat(scheduler.next(scheduler.schedules().get(0))).contains(Instant.parse("2026-01-01T12:00:00Z"));
  }

  @Test
  void withoutAnInputTheFunctionGetsTheSchedulersOwnEventWhoseDetailIsAString() throws Exception {
    scheduler(schedule("cron(30 2 * * ? *)", null)).fireDue(Instant.parse("2026-01-02T02:30:20Z"));

    JsonNode event = JSON.readTree(received().get(0));
    List<String> fields = new ArrayList<>();
    event.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("version", "id", "detail-type", "source", "account", "time", "region",
        "resources", "detail");
    assertThat(event.get("source").asText()).isEqualTo("aws.scheduler");
    assertThat(event.get("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(event.get("time").asText()).as("the scheduled time").isEqualTo("2026-01-02T02:30:00Z");
    assertThat(event.get("resources")).containsExactly(JSON.getNodeFactory().textNode(
        "arn:aws:scheduler:eu-north-1:000000000000:schedule/default/RetentionFunctionDaily"));
    assertThat(event.get("detail").isTextual()).isTrue();
    assertThat(event.get("detail").asText()).isEqualTo("{}");
  }

  @Test
  void aRateScheduleWithoutAStartDateFiresWhenItIsCreatedThenEveryPeriod() throws Exception {
    LocalScheduler scheduler = scheduler(schedule("rate(1 hour)", "{\"n\":\"<aws.scheduler.scheduled-time>\"}"));

    scheduler.fireDue(CREATED);
    received();
    scheduler.fireDue(CREATED.plus(Duration.ofMinutes(59)));
    scheduler.fireDue(CREATED.plus(Duration.ofMinutes(60)));

    assertThat(received()).containsExactly("{\"n\":\"2026-01-01T10:17:31Z\"}", "{\"n\":\"2026-01-01T11:17:31Z\"}");
  }

  @Test
  void theTimerFiresADueScheduleWithoutBeingAsked() throws Exception {
    LocalScheduler scheduler = scheduler(Clock.systemUTC(), schedule("rate(1 day)", "{}"));

    scheduler.start();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (received.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(received()).containsExactly("{}");
  }

  @Test
  void aDisabledScheduleNeverFiresButRunsOnDemand() throws Exception {
    LocalScheduler scheduler = scheduler(with(schedule("rate(1 minute)", "{\"job\":\"x\"}"), false, null, null));

    scheduler.fireDue(CREATED.plus(Duration.ofDays(3)));
    assertThat(received()).isEmpty();
    assertThat(scheduler.next(scheduler.schedules().get(0))).isEmpty();

    LocalScheduler.Run run = scheduler.runNow(scheduler.find("RetentionFunction"), Optional.empty()).get(5, TimeUnit.SECONDS);

    assertThat(received()).containsExactly("{\"job\":\"x\"}");
    assertThat(run.outcome()).isInstanceOf(Outcome.Response.class);
    assertThat(run.attempts()).isOne();
  }

  @Test
  void aScheduleFiresNeitherBeforeItsStartDateNorAfterItsEndDate() throws Exception {
    LocalScheduler scheduler = scheduler(with(schedule("cron(0 12 * * ? *)", "{\"t\":\"<aws.scheduler.scheduled-time>\"}"),
        true, Instant.parse("2026-01-03T00:00:00Z"), Instant.parse("2026-01-04T12:00:00Z")));

    for (int day = 1; day <= 6; day++) {
      scheduler.fireDue(Instant.parse("2026-01-0" + day + "T12:00:00Z"));
      received(); // one invocation at a time, so that they arrive in order
    }

    assertThat(received()).containsExactly("{\"t\":\"2026-01-03T12:00:00Z\"}", "{\"t\":\"2026-01-04T12:00:00Z\"}");
  }

  @Test
  void aRateWithAStartDateStartsThere() throws Exception {
    LocalScheduler scheduler = scheduler(with(schedule("rate(2 hours)", "{\"t\":\"<aws.scheduler.scheduled-time>\"}"),
        true, Instant.parse("2026-01-01T00:30:00Z"), null));

    scheduler.fireDue(Instant.parse("2026-01-01T12:00:00Z"));
    received();
    scheduler.fireDue(Instant.parse("2026-01-01T12:30:00Z"));

    assertThat(received()).as("the latest time at or before noon, then the next")
        .containsExactly("{\"t\":\"2026-01-01T10:30:00Z\"}", "{\"t\":\"2026-01-01T12:30:00Z\"}");
  }

  @Test
  void timesMissedWhileTheMachineSleptFireOnceForTheLatest() throws Exception {
    LocalScheduler scheduler = scheduler(schedule("cron(0/10 * * * ? *)", "{\"t\":\"<aws.scheduler.scheduled-time>\"}"));

    scheduler.fireDue(Instant.parse("2026-01-01T13:05:00Z"));

    assertThat(received()).containsExactly("{\"t\":\"2026-01-01T13:00:00Z\"}");
    assertThat(log.get(0)).contains("missed 16");
  }

  @Test
  void aFiringTheFunctionFailsIsRetriedTwiceAsLambdaRetriesAnAsynchronousInvocation() throws Exception {
    List<String> attempts = new CopyOnWriteArrayList<>();
    LocalScheduler scheduler = new LocalScheduler(List.of(schedule("at(2026-01-01T11:00:00)",
        "{\"execution\":\"<aws.scheduler.execution-id>\"}")), Map.of("RetentionFunction", event -> {
          attempts.add(new String(event, StandardCharsets.UTF_8));
          return new Outcome.Failure("Runtime.UserException", "the table is not there");
        }), invoker, Clock.fixed(CREATED, ZoneOffset.UTC), log::add);
    schedulers.add(scheduler);

    scheduler.fireDue(Instant.parse("2026-01-01T11:00:00Z"));
    received();

    assertThat(attempts).hasSize(3).as("the same payload each time").containsOnly(attempts.get(0));
    assertThat(attempts.get(0)).matches("\\{\"execution\":\"[0-9a-f]{16}\"}");
    assertThat(log).anySatisfy(line -> assertThat(line).contains("RetentionFunction", "after 3 attempts"));
  }

  @Test
  void onDemandADateIsAddedToTheInputObjectOrMadeAnObjectOfItsOwn() throws Exception {
    LocalScheduler scheduler = scheduler(schedule("cron(15 2 * * ? *)", "{\"job\":\"retention\",\"dryRun\":false}"));
    LocalDate day = LocalDate.parse("2028-03-01");

    LocalScheduler.Run run = scheduler.runNow(scheduler.schedules().get(0), Optional.of(day)).get(5, TimeUnit.SECONDS);

    assertThat(received()).containsExactly("{\"job\":\"retention\",\"dryRun\":false,\"date\":\"2028-03-01\"}");
    assertThat(new String(((Outcome.Response) run.outcome()).payload(), StandardCharsets.UTF_8))
        .isEqualTo("{\"erased\":0}");
    assertThat(log).singleElement().asString().contains("on demand for date 2028-03-01").doesNotContain("dryRun");

    received.clear();
    LocalScheduler withoutInput = scheduler(schedule("cron(15 2 * * ? *)", null));
    withoutInput.runNow(withoutInput.schedules().get(0), Optional.of(day)).get(5, TimeUnit.SECONDS);
    assertThat(received()).containsExactly("{\"date\":\"2028-03-01\"}");

    LocalScheduler arrayInput = scheduler(schedule("cron(15 2 * * ? *)", "[1,2]"));
    assertThatThrownBy(() -> arrayInput.runNow(arrayInput.schedules().get(0), Optional.of(day)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
  }

  @Test
  void aScheduleIsFoundByItsIdOrByItsFunctionWhenThatHasOnlyOne() {
    Schedule daily = schedule("cron(15 2 * * ? *)", null);
    Schedule weekly = new Schedule("RetentionFunction.Weekly", "RetentionFunction", "w", "default",
        "cron(0 3 ? * SUN *)", ZoneId.of("Europe/Stockholm"), null, true, null, null, Duration.ZERO);

    assertThat(scheduler(daily).find("RetentionFunction")).isEqualTo(daily);
    LocalScheduler two = scheduler(daily, weekly);
    assertThat(two.find("RetentionFunction.Weekly")).isEqualTo(weekly);
    assertThatThrownBy(() -> two.find("RetentionFunction")).hasMessageContaining("RetentionFunction.Daily, RetentionFunction.Weekly");
    assertThatThrownBy(() -> two.find("ConsentFunction")).hasMessageContaining("no schedule");
  }
}
