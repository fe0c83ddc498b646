package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The bus as the SDK's EventBridgeClient meets it (no rules here: which functions get what is
 * {@link EventTriggersEndToEndTest}'s), the event it delivers, and how {@code ./dev put-event}
 * reads its file and finds the bus.
 */
class EventBusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static AsyncInvoker invoker;
  private static EventBus bus;

  @BeforeAll
  static void start() throws Exception {
    invoker = new AsyncInvoker();
    bus = EventBus.start(List.of(), Map.of(), invoker);
  }

  @AfterAll
  static void stop() {
    bus.close();
    invoker.close();
  }

  private static PutEventsRequestEntry.Builder order() {
    return PutEventsRequestEntry.builder().source("npprod.shop").detailType("OrderPlaced")
        .detail("{\"orderId\":\"o-1\",\"total\":120}");
  }

  @Test
  void answersTheSdkClientWithAnEventIdForEveryEntry() {
    PutEventsResponse response = PutEventCommand.send(URI.create(bus.url()),
        List.of(order().build(), order().eventBusName("shop").time(Instant.parse("2026-11-25T10:00:00Z")).build()));

    assertThat(response.failedEntryCount()).isZero();
    assertThat(response.entries()).hasSize(2).allSatisfy(e -> assertThat(e.eventId()).hasSize(36));
  }

  @Test
  void answersMalformedEntriesWithTheirOwnErrorsAndTakesTheRest() {
    String tooLarge = "{\"note\":\"" + "x".repeat(EventBus.MAX_ENTRY_BYTES) + "\"}";

    PutEventsResponse response = PutEventCommand.send(URI.create(bus.url()), List.of(
        order().source(null).build(), order().detailType(null).build(), order().detail(null).build(),
        order().detail("{not json").build(), order().detail("[1,2]").build(), order().detail(tooLarge).build(),
        order().build()));

    assertThat(response.failedEntryCount()).isEqualTo(6);
    List<PutEventsResultEntry> entries = response.entries();
    assertThat(entries).extracting(PutEventsResultEntry::errorCode).containsExactly("InvalidArgument",
        "InvalidArgument", "InvalidArgument", "MalformedDetail", "MalformedDetail", "InvalidArgument", null);
    assertThat(entries.get(0).errorMessage())
        .isEqualTo("Parameter Source is not valid. Reason: Source is a required argument.");
    assertThat(entries.get(1).errorMessage()).contains("DetailType is a required argument");
    assertThat(entries.get(3).errorMessage()).isEqualTo("Detail is malformed.");
    assertThat(entries.subList(0, 6)).allSatisfy(e -> assertThat(e.eventId()).isNull());
    assertThat(entries.get(6).eventId()).isNotNull();
  }

  @Test
  void rejectsMoreThanTenEntriesWholeWithAValidationException() {
    List<PutEventsRequestEntry> eleven = Collections.nCopies(11, order().build());

    assertThatThrownBy(() -> PutEventCommand.send(URI.create(bus.url()), eleven))
        .isInstanceOfSatisfying(EventBridgeException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage()).contains("less than or equal to 10");
        });
  }

  @Test
  void deliversTheEnvelopeEventBridgeDeliversDeserialisableAsScheduledEvent() throws Exception {
    Instant time = Instant.parse("2026-11-25T10:00:00.750Z");
    JsonNode detail = JSON.readTree("{\"orderId\":\"o-1\",\"total\":120}");

    String event = EventBus.envelope("6a7e8feb-b491-4cf7-a9f1-bf3703467718", time, "npprod.shop", "OrderPlaced",
        List.of("arn:aws:shop:eu-north-1:000000000000:order/o-1"), detail).toString();

    assertThat(event).isEqualTo("{\"version\":\"0\",\"id\":\"6a7e8feb-b491-4cf7-a9f1-bf3703467718\","
        + "\"detail-type\":\"OrderPlaced\",\"source\":\"npprod.shop\",\"account\":\"000000000000\","
        + "\"time\":\"2026-11-25T10:00:00Z\",\"region\":\"eu-north-1\","
        + "\"resources\":[\"arn:aws:shop:eu-north-1:000000000000:order/o-1\"],"
        + "\"detail\":{\"orderId\":\"o-1\",\"total\":120}}");
    ScheduledEvent scheduled = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader())
        .fromJson(event);
    assertThat(scheduled.getId()).isEqualTo("6a7e8feb-b491-4cf7-a9f1-bf3703467718");
    assertThat(scheduled.getDetailType()).isEqualTo("OrderPlaced");
    assertThat(scheduled.getSource()).isEqualTo("npprod.shop");
    assertThat(scheduled.getAccount()).isEqualTo("000000000000");
    assertThat(scheduled.getRegion()).isEqualTo("eu-north-1");
    assertThat(scheduled.getTime().getMillis()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z").toEpochMilli());
    assertThat(scheduled.getResources()).containsExactly("arn:aws:shop:eu-north-1:000000000000:order/o-1");
    assertThat(scheduled.getDetail()).containsEntry("orderId", "o-1").containsEntry("total", 120);
  }

  @Test
  void namesABusByItsNameOrItsArn() {
    assertThat(EventBus.busName("")).isEqualTo("default");
    assertThat(EventBus.busName("shop")).isEqualTo("shop");
    assertThat(EventBus.busName("arn:aws:events:eu-north-1:000000000000:event-bus/shop")).isEqualTo("shop");
  }

  @Test
  void putEventReadsARequestAnEntryOrADeliveredEvent() throws Exception {
    JsonNode request = JSON.readTree("{\"Entries\":[{\"Source\":\"npprod.shop\",\"DetailType\":\"OrderPlaced\","
        + "\"Detail\":\"{\\\"orderId\\\":\\\"o-1\\\"}\",\"EventBusName\":\"shop\"},"
        + "{\"Source\":\"npprod.support\",\"DetailType\":\"SupportContact\",\"Detail\":\"{}\"}]}");
    JsonNode entry = JSON.readTree("{\"Source\":\"npprod.shop\",\"DetailType\":\"OrderPlaced\","
        + "\"Detail\":{\"orderId\":\"o-1\"},\"Resources\":[\"r-1\"]}");
    JsonNode event = JSON.readTree("{\"version\":\"0\",\"id\":\"x\",\"detail-type\":\"AccountChanged\","
        + "\"source\":\"npprod.accounts\",\"time\":\"2026-11-25T10:00:00Z\",\"resources\":[],"
        + "\"detail\":{\"accountId\":\"a-1\"}}");

    assertThat(PutEventCommand.entries(request)).extracting(PutEventsRequestEntry::source,
        PutEventsRequestEntry::eventBusName).containsExactly(
            org.assertj.core.groups.Tuple.tuple("npprod.shop", "shop"),
            org.assertj.core.groups.Tuple.tuple("npprod.support", null));
    assertThat(PutEventCommand.entries(entry)).singleElement().satisfies(e -> {
      assertThat(e.detail()).isEqualTo("{\"orderId\":\"o-1\"}");
      assertThat(e.resources()).containsExactly("r-1");
    });
    assertThat(PutEventCommand.entries(event)).singleElement().satisfies(e -> {
      assertThat(e.source()).isEqualTo("npprod.accounts");
      assertThat(e.detailType()).isEqualTo("AccountChanged");
      assertThat(e.detail()).isEqualTo("{\"accountId\":\"a-1\"}");
      assertThat(e.time()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    });
    assertThatThrownBy(() -> PutEventCommand.entries(JSON.readTree("{\"hello\":1}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void putEventFindsTheBusInItsEnvironmentOrInTheRunningStacksFile(@TempDir Path root) throws Exception {
    assertThat(PutEventCommand.endpoint(Map.of("AWS_ENDPOINT_URL_EVENTBRIDGE", "http://127.0.0.1:4010"), root))
        .isEqualTo(URI.create("http://127.0.0.1:4010"));
    assertThatThrownBy(() -> PutEventCommand.endpoint(Map.of(), root)).hasMessageContaining("./dev start");

    Files.createDirectories(root.resolve(".local"));
    Files.writeString(StackFile.path(root), "{\"pid\":" + ProcessHandle.current().pid()
        + ",\"eventBridge\":\"http://127.0.0.1:4020\"}");
    assertThat(PutEventCommand.endpoint(Map.of(), root)).isEqualTo(URI.create("http://127.0.0.1:4020"));

    Files.writeString(StackFile.path(root), "{\"pid\":" + deadPid() + ",\"eventBridge\":\"http://127.0.0.1:4020\"}");
    assertThatThrownBy(() -> PutEventCommand.endpoint(Map.of(), root)).as("a stack that has stopped")
        .hasMessageContaining("no local stack is running");
  }

  /** The PID of a process that has ended. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  @Test
  void putEventPrintsTheEventIdsOfAFilesEntries(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("order.json");
    Files.writeString(file, "{\"Source\":\"npprod.shop\",\"DetailType\":\"OrderPlaced\",\"Detail\":{\"orderId\":\"o-1\"}}");

    int exit = PutEventCommand.run(file, Map.of("AWS_ENDPOINT_URL_EVENTBRIDGE", bus.url()), dir);

    assertThat(exit).isZero();
  }
}
