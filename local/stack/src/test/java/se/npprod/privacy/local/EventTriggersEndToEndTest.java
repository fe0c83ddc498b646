package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.npprod.privacy.local.emulators.RepoRoot;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * SQS event sources, EventBridge rules and EventBridge Scheduler schedules as the local stack plays
 * them from a template (events-template.yaml), each function under the Lambda runtime client
 * recording what it got.
 */
class EventTriggersEndToEndTest {
  private static final Duration PATIENCE = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path RECORDED = RepoRoot.find().resolve("local/stack/target/recorded");
  private static LocalStack stack;
  private static SqsClient sqs;

  @BeforeAll
  static void start() throws IOException {
    if (Files.isDirectory(RECORDED)) {
      try (Stream<Path> files = Files.list(RECORDED)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
    stack = LocalStack.start(0, RepoRoot.find().resolve("local/stack/src/test/resources/events-template.yaml"), 1);
    sqs = stack.cloud().emulators().endpoints().sqsClient();
  }

  @AfterAll
  static void stop() {
    if (sqs != null) {
      sqs.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  private static List<String> recorded(String file) {
    Path path = RECORDED.resolve(file);
    try {
      return Files.isRegularFile(path) ? Files.readAllLines(path) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
      }
      Thread.sleep(100);
    }
  }

  private static String url(String queue) {
    return stack.cloud().physicalName(queue);
  }

  private static void send(String queue, String... bodies) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < bodies.length; i++) {
      entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies[i]).build());
    }
    assertThat(sqs.sendMessageBatch(b -> b.queueUrl(url(queue)).entries(entries)).failed()).isEmpty();
  }

  /** Messages on the queue, visible or in flight. */
  private static int onQueue(String queue) {
    Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url(queue)).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  /** PartialBatchFunction's records of one body: the receive count of each time it got it. */
  private static List<String> receives(String body) {
    return recorded("PartialBatchFunction.txt").stream().map(line -> line.split(" "))
        .filter(fields -> fields[1].equals(body)).map(fields -> fields[2]).toList();
  }

  @Test
  void aQueuesMessagesReachItsFunctionInBatchesOfAtMostBatchSizeAsLambdaSendsThem() throws Exception {
    String run = UUID.randomUUID().toString();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      bodies.add("{\"n\":" + i + ",\"run\":\"" + run + "\"}");
    }
    sqs.sendMessage(b -> b.queueUrl(url("BatchQueue")).messageBody(bodies.get(0)).messageAttributes(Map.of("kind",
        MessageAttributeValue.builder().dataType("String").stringValue("erasure").build())));
    send("BatchQueue", bodies.subList(1, 7).toArray(String[]::new));
    PojoSerializer<SQSEvent> serializer = LambdaEventSerializers.serializerFor(SQSEvent.class,
        getClass().getClassLoader());

    await("all seven messages", () -> recorded("BatchRecorder.jsonl").stream().mapToLong(line -> serializer
        .fromJson(line).getRecords().stream().filter(m -> m.getBody().contains(run)).count()).sum() == 7);

    List<SQSEvent> events = recorded("BatchRecorder.jsonl").stream().map(serializer::fromJson).toList();
    assertThat(events).allSatisfy(e -> assertThat(e.getRecords()).hasSizeBetween(1, 3));
    assertThat(events).as("the batching window fills batches").anySatisfy(e -> assertThat(e.getRecords()).hasSize(3));
    List<SQSEvent.SQSMessage> messages = events.stream().flatMap(e -> e.getRecords().stream()).toList();
    assertThat(messages).extracting(SQSEvent.SQSMessage::getBody).containsExactlyInAnyOrderElementsOf(bodies);
    String arn = sqs.getQueueAttributes(b -> b.queueUrl(url("BatchQueue")).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    assertThat(messages).allSatisfy(m -> {
      assertThat(m.getEventSource()).isEqualTo("aws:sqs");
      assertThat(m.getEventSourceArn()).isEqualTo(arn);
      assertThat(m.getAttributes()).containsEntry("ApproximateReceiveCount", "1");
    });
    assertThat(messages.stream().filter(m -> m.getBody().equals(bodies.get(0))).findFirst().orElseThrow()
        .getMessageAttributes().get("kind").getStringValue()).isEqualTo("erasure");
    await("the batches deleted", () -> onQueue("BatchQueue") == 0);
  }

  @Test
  void aBatchItemFailureComesBackAfterTheVisibilityTimeoutAndTheRestAreDeleted() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String ok1 = "ok-1-" + run;
    String ok2 = "ok-2-" + run;
    String failOnce = "fail-once-" + run;

    send("PartialQueue", ok1, ok2, failOnce);

    await("the failed message again", () -> receives(failOnce).size() == 2);
    await("the queue empty", () -> onQueue("PartialQueue") == 0);
    assertThat(receives(failOnce)).containsExactly("1", "2");
    assertThat(receives(ok1)).as("deleted after the first batch").containsExactly("1");
    assertThat(receives(ok2)).as("deleted after the first batch").containsExactly("1");
    assertThat(onQueue("PartialDlq")).isZero();
  }

  @Test
  void anItemIdentifierThatIsNoMessageOfTheBatchFailsTheWholeBatch() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String ok = "ok-" + run;
    String unknown = "unknown-id-" + run;

    send("PartialQueue", ok, unknown);

    await("both messages again", () -> receives(ok).size() == 2 && receives(unknown).size() == 2);
    await("the queue empty", () -> onQueue("PartialQueue") == 0);
    assertThat(receives(ok)).containsExactly("1", "2");
  }

  @Test
  void aMessageItsFunctionAlwaysFailsOnGoesToTheDeadLetterQueueAfterMaxReceiveCount() throws Exception {
    String body = "poison-" + UUID.randomUUID();
    sqs.sendMessage(b -> b.queueUrl(url("PoisonQueue")).messageBody(body));

    List<Message> dead = new ArrayList<>();
    await("the message in the dead-letter queue", () -> {
      dead.addAll(sqs.receiveMessage(b -> b.queueUrl(url("PoisonDlq")).waitTimeSeconds(1)
          .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL))
          .messages());
      return !dead.isEmpty();
    });

    assertThat(dead).singleElement().satisfies(m -> {
      assertThat(m.body()).isEqualTo(body);
      assertThat(Integer.parseInt(m.attributesAsStrings().get("ApproximateReceiveCount")))
          .as("received twice from its queue (maxReceiveCount 2), once here").isEqualTo(3);
    });
    assertThat(onQueue("PoisonQueue")).isZero();
  }

  @Test
  void anEventMatchingARulesPatternReachesItsFunctionAsEventBridgeDeliversItAndOthersDoNot() throws Exception {
    Instant time = Instant.parse("2026-11-25T10:00:00Z");
    PutEventsRequestEntry.Builder order = PutEventsRequestEntry.builder().source("npprod.shop").detailType("OrderPlaced");

    PutEventsResponse response = PutEventCommand.send(URI.create(stack.eventBusUrl()), List.of(
        order.detail("{\"orderId\":\"o-0\",\"total\":0}").build(),
        PutEventsRequestEntry.builder().source("npprod.support").detailType("SupportContact").detail("{}").build(),
        order.detail("{\"orderId\":\"o-1\",\"total\":120}").time(time)
            .resources("arn:aws:shop:eu-north-1:000000000000:order/o-1").build()));

    assertThat(response.failedEntryCount()).isZero();
    List<String> ids = response.entries().stream().map(PutEventsResultEntry::eventId).toList();
    await("the matching event", () -> recorded("OrderRecorder.jsonl").stream().anyMatch(l -> l.contains(ids.get(2))));
    await("nothing more in flight", () -> stack.asyncInvoker().idle());
    List<String> lines = recorded("OrderRecorder.jsonl");
    assertThat(lines).noneMatch(l -> l.contains(ids.get(0)) || l.contains(ids.get(1)));
    String line = lines.stream().filter(l -> l.contains(ids.get(2))).findFirst().orElseThrow();
    JsonNode event = JSON.readTree(line);
    List<String> fields = new ArrayList<>();
    event.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("version", "id", "detail-type", "source", "account", "time", "region",
        "resources", "detail");
    assertThat(event.get("time").asText()).isEqualTo("2026-11-25T10:00:00Z");
    assertThat(event.get("detail")).isEqualTo(JSON.readTree("{\"orderId\":\"o-1\",\"total\":120}"));
    ScheduledEvent scheduled = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader())
        .fromJson(line);
    assertThat(scheduled.getId()).isEqualTo(ids.get(2));
    assertThat(scheduled.getDetailType()).isEqualTo("OrderPlaced");
    assertThat(scheduled.getResources()).containsExactly("arn:aws:shop:eu-north-1:000000000000:order/o-1");
  }

  @Test
  void aRuleOnANamedBusGetsThatBusesEventsOnly() throws Exception {
    PutEventsRequestEntry.Builder changed = PutEventsRequestEntry.builder().source("npprod.accounts")
        .detailType("AccountChanged").detail("{\"accountId\":\"a-1\",\"change\":\"address\"}");

    PutEventsResponse response = PutEventCommand.send(URI.create(stack.eventBusUrl()), List.of(
        changed.build(), changed.eventBusName("shop").build(),
        changed.eventBusName("arn:aws:events:eu-north-1:000000000000:event-bus/shop").build()));

    List<String> ids = response.entries().stream().map(PutEventsResultEntry::eventId).toList();
    await("both events on the shop bus", () -> recorded("AccountRecorder.txt").stream()
        .filter(l -> l.startsWith(ids.get(1) + " ") || l.startsWith(ids.get(2) + " ")).count() == 2);
    await("nothing more in flight", () -> stack.asyncInvoker().idle());
    assertThat(recorded("AccountRecorder.txt")).noneMatch(l -> l.startsWith(ids.get(0)));
    assertThat(recorded("AccountRecorder.txt").stream().filter(l -> l.startsWith(ids.get(1))).findFirst().orElseThrow())
        .as("as the runtime deserialised it into ScheduledEvent")
        .startsWith(ids.get(1) + " AccountChanged npprod.accounts 000000000000 eu-north-1 ")
        .endsWith(" [] {accountId=a-1, change=address}");
  }

  @Test
  void anAsynchronousInvocationThatFailsIsRetriedTwiceAsLambdaRetriesIt() throws Exception {
    PutEventsResponse response = PutEventCommand.send(URI.create(stack.eventBusUrl()), List.of(
        PutEventsRequestEntry.builder().eventBusName("shop").source("npprod.accounts").detailType("AccountChanged")
            .detail("{\"accountId\":\"a-2\",\"fail\":true}").build()));
    String id = response.entries().get(0).eventId();

    await("three attempts", () -> recorded("AccountRecorder.txt").stream().filter(l -> l.startsWith(id)).count() == 3);
    await("nothing more in flight", () -> stack.asyncInvoker().idle());

    assertThat(recorded("AccountRecorder.txt").stream().filter(l -> l.startsWith(id))).hasSize(3);
  }

  @Test
  void putEventSendsAnEventFilesEventToTheStacksBus(@TempDir Path dir) throws Exception {
    String orderId = "o-" + UUID.randomUUID();
    Path file = dir.resolve("order-placed.json");
    Files.writeString(file, "{\"version\":\"0\",\"id\":\"from-a-sample\",\"detail-type\":\"OrderPlaced\","
        + "\"source\":\"npprod.shop\",\"account\":\"123456789012\",\"time\":\"2026-11-25T10:00:00Z\","
        + "\"region\":\"eu-north-1\",\"resources\":[],\"detail\":{\"orderId\":\"" + orderId + "\",\"total\":99}}");

    int exit = PutEventCommand.run(file, Map.of("AWS_ENDPOINT_URL_EVENTBRIDGE", stack.eventBusUrl()), dir);

    assertThat(exit).isZero();
    await("the event at OrderRecorder", () -> recorded("OrderRecorder.jsonl").stream().anyMatch(l -> l.contains(orderId)));
  }

  @Test
  void aRateScheduleWithoutAStartDateFiresWhenTheStackStartsWithTheSchedulersOwnEvent() throws Exception {
    await("the schedule's firing at start", () -> recorded("ScheduleRecorder.jsonl").stream()
        .anyMatch(l -> l.contains("aws.scheduler")));

    JsonNode event = JSON.readTree(recorded("ScheduleRecorder.jsonl").stream().filter(l -> l.contains("aws.scheduler"))
        .findFirst().orElseThrow());
    List<String> fields = new ArrayList<>();
    event.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("version", "id", "detail-type", "source", "account", "time", "region",
        "resources", "detail");
    assertThat(event.get("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(event.get("resources").get(0).asText())
        .isEqualTo("arn:aws:scheduler:eu-north-1:000000000000:schedule/default/ScheduleRecorderAtStart");
    assertThat(event.get("detail").asText()).as("a string, not an object").isEqualTo("{}");
  }

  @Test
  void aScheduledInvocationTheFunctionFailsIsRetriedTwiceWithTheSamePayload() throws Exception {
    await("three attempts of the firing at start", () -> recorded("FailingScheduled.jsonl").size() >= 3);
    await("nothing more in flight", () -> stack.asyncInvoker().idle());

    // Each firing (at start, and any run on demand) has an execution id of its own.
    Map<String, Long> attemptsByFiring = recorded("FailingScheduled.jsonl").stream()
        .collect(Collectors.groupingBy(line -> line, Collectors.counting()));
    assertThat(attemptsByFiring.keySet()).allSatisfy(payload ->
        assertThat(payload).matches("\\{\"fail\":true,\"execution\":\"[0-9a-f]{16}\"}"));
    assertThat(attemptsByFiring.values()).as("one attempt and two retries each").containsOnly(3L);
  }

  @Test
  void runScheduleRunsAScheduleOnceNowWithItsInputAndTheDateAdded(@TempDir Path root) throws Exception {
    StackFile.write(root, stack);
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();

    int exit = RunScheduleCommand.run("ScheduleRecorder.Nightly", "2028-03-01", root, new PrintStream(out, true),
        new PrintStream(err, true));

    String payload = "{\"job\":\"retention\",\"dryRun\":false,\"date\":\"2028-03-01\"}";
    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Invoked ScheduleRecorder asynchronously for schedule ScheduleRecorder.Nightly"
        + " (cron(15 2 * * ? *) Europe/Stockholm)", payload, "Succeeded; the function returned: {\"today\":\"2028-03-01\"}");
    assertThat(recorded("ScheduleRecorder.jsonl")).contains(payload);

    exit = RunScheduleCommand.run("ScheduleRecorder.Nightly", null, root, new PrintStream(out, true),
        new PrintStream(err, true));

    assertThat(exit).isZero();
    assertThat(recorded("ScheduleRecorder.jsonl")).as("the Input verbatim").contains("{\"job\":\"retention\",\"dryRun\":false}");
  }

  @Test
  void runScheduleTellsOfAFunctionThatFailedAfterLambdasRetries(@TempDir Path root) throws Exception {
    StackFile.write(root, stack);
    var out = new ByteArrayOutputStream();

    int exit = RunScheduleCommand.run("FailingScheduled", null, root, new PrintStream(out, true), System.err);

    assertThat(exit).isOne();
    assertThat(out.toString()).contains("Failed after 3 attempts", "the schedule's input asked this function to fail");
  }

  @Test
  void runScheduleNamesTheSchedulesWhenItCannotTellWhichIsMeant(@TempDir Path root) throws Exception {
    var err = new ByteArrayOutputStream();
    assertThat(RunScheduleCommand.run("ScheduleRecorder", null, root, System.out, new PrintStream(err, true)))
        .as("no stack in this root").isEqualTo(2);
    assertThat(err.toString()).contains("no local stack is running");

    StackFile.write(root, stack);
    err.reset();
    int exit = RunScheduleCommand.run("ScheduleRecorder", null, root, System.out, new PrintStream(err, true));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("ScheduleRecorder has 2 schedules", "ScheduleRecorder.Nightly, ScheduleRecorder.AtStart");
  }
}
