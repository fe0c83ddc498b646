package se.npprod.privacy.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.ErasureTable;
import se.npprod.privacy.aws.HttpErasure;
import se.npprod.privacy.aws.HttpExports;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.SecretProcessorContacts;
import se.npprod.privacy.aws.SesOutbox;
import se.npprod.privacy.aws.SubjectTable;
import se.npprod.privacy.aws.SubjectTableEraser;
import se.npprod.privacy.core.erasure.ConfirmRectification;
import se.npprod.privacy.core.erasure.ErasureQueue;
import se.npprod.privacy.core.erasure.ErasureTask;
import se.npprod.privacy.core.erasure.PlanErasure;
import se.npprod.privacy.core.erasure.RunErasureTask;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.NewRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.request.SubmitRequest;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.core.request.VerifyRequest;
import se.npprod.privacy.core.subject.ActivityEvents;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.RecordActivity;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.LocalContext;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import se.npprod.privacy.local.emulators.RepoRoot;
import se.npprod.privacy.local.emulators.SentMail;
import se.npprod.privacy.policy.BundledPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ErasureFunction over dynoxide and the SES emulator, the CRM and the newsletter service played by
 * a test server that checks signatures: a verified erasure is planned into one task per system,
 * each task erases once however often it is delivered, and the last one completes the request.
 */
@ExtendWith(EmulatorsExtension.class)
class ErasureHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Policy POLICY = BundledPolicy.policy();
  private static final String KEY = "erasure-signing-key-0123456789";
  private static final String LOGISTICS = "integritet@logistik.example";

  private LocalCloud cloud;
  private HttpServer systems;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, List<Integer>> scripted = new ConcurrentHashMap<>();
  private final java.util.Set<String> stillHolds = ConcurrentHashMap.newKeySet();
  private final List<ErasureTask> queued = new ArrayList<>();
  private final List<String> plans = new ArrayList<>();
  private final List<Integer> backoffs = new ArrayList<>();
  private final List<String> actions = Collections.synchronizedList(new ArrayList<>());
  private final List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());
  private DynamoDbClient dynamo;
  private String table;
  private SubjectKeys keys;
  private RequestTable requests;
  private SubmitRequest submit;
  private VerifyRequest verify;
  private ErasureHandler handler;
  private ErasureQueue queue;
  private SesOutbox outbox;
  private String connectors;

  private ErasureHandler handler(Policy policy) {
    return new ErasureHandler(
        new PlanErasure(policy, requests, new SubjectTable(dynamo, table),
            new ErasureTable(dynamo, table, POLICY.timezone()), queue,
            Clock.systemUTC()),
        new RunErasureTask(policy, requests, new ErasureTable(dynamo, table, POLICY.timezone()),
            new SubjectTableEraser(dynamo, table, policy.retention().bookkeeping()), new SubjectTable(dynamo, table),
            new HttpErasure(() -> connectors, Clock.systemUTC()), new HttpExports(() -> connectors, Clock.systemUTC()),
            new SecretProcessorContacts(() -> connectors, Clock.systemUTC()), VerificationLinks.under("http://localhost:3000"),
            outbox, Clock.systemUTC()),
        (message, attempt) -> backoffs.add(ErasureHandler.Backoff.seconds(attempt)));
  }

  @BeforeEach
  void wire(LocalCloud cloud) throws Exception {
    this.cloud = cloud;
    cloud.emulators().endpoints().environment().forEach(System::setProperty);
    systems = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    for (String system : List.of("webshop", "crm", "newsletter")) {
      systems.createContext("/" + system, exchange -> {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String timestamp = exchange.getRequestHeaders().getFirst("X-NP-Timestamp");
        String expected = "v1=" + HttpExports.sign(KEY, timestamp + "." + new String(body, StandardCharsets.UTF_8));
        if (JSON.readTree(body).path("action").asText().equals("export")) {
          // Asked again after the erasure: what the system still holds.
          byte[] answer = (stillHolds.contains(system)
              ? "{\"items\":[{\"category\":\"contact\",\"kind\":\"crmNote\",\"fields\":{\"note\":\"kvar\"}}]}"
              : "{\"items\":[]}").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
          return;
        }
        calls.computeIfAbsent(system, s -> new AtomicInteger()).incrementAndGet();
        actions.add(system + ":" + JSON.readTree(body).path("action").asText());
        received.add(JSON.readTree(body));
        List<Integer> script = scripted.getOrDefault(system, new ArrayList<>());
        int status = !expected.equals(exchange.getRequestHeaders().getFirst("X-NP-Signature")) ? 401
            : script.isEmpty() ? 200 : script.remove(0);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
    }
    systems.start();
    String base = "http://127.0.0.1:" + systems.getAddress().getPort();
    String connectors = "{\"webshop\":{\"url\":\"" + base + "/webshop\",\"key\":\"" + KEY + "\"},"
        + "\"crm\":{\"url\":\"" + base + "/crm\",\"key\":\"" + KEY + "\"},"
        + "\"newsletter\":{\"url\":\"" + base + "/newsletter\",\"key\":\"" + KEY + "\"},"
        + "\"logistics\":{\"email\":\"" + LOGISTICS + "\"}}";

    dynamo = cloud.emulators().endpoints().dynamoDbClient();
    table = cloud.physicalName("PrivacyTable");
    keys = new SubjectKeys("r".repeat(32).getBytes(StandardCharsets.UTF_8));
    requests = new RequestTable(dynamo, table, POLICY.timezone());
    SesOutbox outbox = new SesOutbox(AwsClients.sesV2(), "NP Produkter <info@npprod.se>", Optional.empty());
    VerificationLinks links = VerificationLinks.under("http://localhost:3000");
    submit = new SubmitRequest(POLICY, keys, requests, outbox, links, Clock.systemUTC());
    verify = new VerifyRequest(POLICY, requests, r -> plans.add(r.id()), Clock.systemUTC());
    ErasureQueue queue = new ErasureQueue() {
      @Override
      public void plan(String requestId) {
        plans.add(requestId);
      }

      @Override
      public void send(List<ErasureTask> tasks) {
        queued.addAll(tasks);
      }
    };
    this.queue = queue;
    this.outbox = outbox;
    this.connectors = connectors;
    handler = handler(POLICY);
    SentMail.clear(cloud.emulators().endpoints());
  }

  @AfterEach
  void stop() {
    systems.stop(0);
  }

  private String verifiedErasure(String email) {
    return verified(email, RequestType.ERASURE);
  }

  private String verified(String email, RequestType type) {
    RecordActivity record = new RecordActivity(POLICY, keys, new SubjectTable(dynamo, table));
    Map<String, Object> detail = new HashMap<>(Map.of("orderId", "7001", "placedAt", "2026-11-20T09:14:58Z",
        "customer", Map.of("email", email, "name", "Rut Radera", "phone", "+46 70 222 33 44", "customerNumber", "K-7001"),
        "lines", List.of(Map.of("sku", "NP-1", "name", "Kabelkanal", "quantity", 1, "unitPrice", "149.00")),
        "total", "149.00", "currency", "SEK",
        "invoice", Map.of("invoiceNumber", "F-7001-" + email.hashCode(), "invoiceDate", "2026-11-20", "amount", "149.00",
            "vat", "29.80", "buyerName", "Rut Radera", "buyerAddress", "Raderavägen 1, 123 45 Småstad")));
    record.record(ActivityEvents.read("npprod.webshop", ActivityEvents.ORDER_PLACED, "e-" + email, detail));
    submit.submit(new NewRequest(Channel.WEB, EmailAddress.parse(email).orElseThrow(), type,
        List.of("form:" + type.wireName()), Optional.empty(), "sv", "", "", Optional.empty(), Instant.now()));
    JsonNode mail = SentMail.to(cloud.emulators().endpoints(), email).get(0);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("token=([A-Za-z0-9_-]{43})")
        .matcher(mail.get("body").get("text").asText());
    assertThat(m.find()).isTrue();
    assertThat(verify.confirm(m.group(1)).state()).isEqualTo(VerifyRequest.State.VERIFIED);
    return plans.get(plans.size() - 1);
  }

  private SQSBatchResponse deliver(String... bodies) {
    SQSEvent event = EventLoader.loadSQSEvent(RepoRoot.find().resolve("events/erasure/erasure-task.json").toString());
    SQSEvent.SQSMessage template = event.getRecords().get(0);
    List<SQSEvent.SQSMessage> messages = new ArrayList<>();
    for (int i = 0; i < bodies.length; i++) {
      SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
      m.setMessageId("m-" + i);
      m.setBody(bodies[i]);
      m.setAttributes(template.getAttributes());
      m.setEventSource(template.getEventSource());
      messages.add(m);
    }
    event.setRecords(messages);
    return handler.handleRequest(event, new LocalContext("ErasureFunction", 60));
  }

  private static String planMessage(String id) {
    return "{\"requestId\":\"" + id + "\",\"action\":\"plan\"}";
  }

  private String[] taskMessages() {
    String[] bodies = queued.stream().map(t -> "{\"requestId\":\"" + t.requestId() + "\",\"system\":\"" + t.system() + "\"}")
        .toArray(String[]::new);
    queued.clear();
    return bodies;
  }

  /** The logistics partner follows its link and confirms; the task comes back on the queue. */
  private SQSBatchResponse logisticsConfirms(String id) {
    assertThat(new ErasureTable(dynamo, table, POLICY.timezone())
        .acknowledge(id, "logistics", "Lena Logistik", Instant.now())).isTrue();
    return deliver("{\"requestId\":\"" + id + "\",\"system\":\"logistics\"}");
  }

  private List<Map<String, AttributeValue>> partition(String pk) {
    return dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items();
  }

  @Test
  void aVerifiedErasureIsPlannedPerSystemAndCompletesWithATombstoneAndAConfirmation() {
    String email = "rut.radera@example.se";
    String id = verifiedErasure(email);
    String subject = keys.of(EmailAddress.parse(email).orElseThrow());

    assertThat(deliver(planMessage(id)).getBatchItemFailures()).isEmpty();
    assertThat(new SubjectTable(dynamo, table).erased(subject))
        .as("from planning on, a marketing import cannot bring the person back").isTrue();
    String[] tasks = taskMessages();
    assertThat(tasks).hasSize(5);
    assertThat(deliver(tasks).getBatchItemFailures()).isEmpty();
    assertThat(requests.request(id).orElseThrow().status()).as("waiting for the logistics partner")
        .isEqualTo(RequestStatus.IN_PROGRESS);
    JsonNode asked = SentMail.to(cloud.emulators().endpoints(), LOGISTICS).get(0);
    assertThat(asked.get("subject").asText()).startsWith("Begäran om radering av personuppgifter");
    assertThat(asked.get("body").get("text").asText()).contains(email, "K-7001", "/processors/confirm?token=");
    assertThat(logisticsConfirms(id).getBatchItemFailures()).isEmpty();

    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
    List<Map<String, AttributeValue>> left = partition("S#" + subject);
    assertThat(left).singleElement().satisfies(invoice -> {
      assertThat(invoice.get("sk").s()).startsWith("INV#");
      assertThat(invoice.get("restricted").bool()).isTrue();
      assertThat(invoice).doesNotContainKey("orderId");
    });
    assertThat(partition("T#" + subject)).singleElement()
        .satisfies(t -> assertThat(t.toString()).doesNotContain(email, "Rut"));
    assertThat(calls.get("crm").get()).isEqualTo(1);
    assertThat(calls.get("newsletter").get()).isEqualTo(1);
    JsonNode confirmation = SentMail.to(cloud.emulators().endpoints(), email).get(1);
    assertThat(confirmation.get("subject").asText()).startsWith("Dina personuppgifter är raderade");
    assertThat(confirmation.get("body").get("text").asText()).contains("Kundsystemet (CRM)", "Bokföringslagen", "sjunde");
  }

  @Test
  void everyMessageDeliveredTwiceHasTheEffectOfOne() {
    String email = "dubbel@example.se";
    String id = verifiedErasure(email);

    deliver(planMessage(id));
    deliver(planMessage(id));
    String[] tasks = taskMessages();
    assertThat(tasks).as("planning twice sends the pending tasks again, creates none").hasSize(10);
    deliver(tasks);
    deliver(tasks);
    logisticsConfirms(id);
    logisticsConfirms2(id);

    assertThat(calls.get("webshop").get()).isEqualTo(1);
    assertThat(calls.get("crm").get()).isEqualTo(1);
    assertThat(calls.get("newsletter").get()).isEqualTo(1);
    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
    assertThat(SentMail.to(cloud.emulators().endpoints(), email)).hasSize(2);
    assertThat(SentMail.to(cloud.emulators().endpoints(), LOGISTICS)).as("the partner is asked once").hasSize(1);
  }

  /** The same confirmation's message delivered again: nothing more happens. */
  private void logisticsConfirms2(String id) {
    assertThat(deliver("{\"requestId\":\"" + id + "\",\"system\":\"logistics\"}").getBatchItemFailures()).isEmpty();
  }

  @Test
  void aSystemThatIsDownDelaysOnlyItsOwnTaskUntilItIsBack() {
    scripted.put("crm", new ArrayList<>(List.of(503, 503)));
    String id = verifiedErasure("nere@example.se");
    deliver(planMessage(id));
    String[] tasks = taskMessages();

    SQSBatchResponse first = deliver(tasks);
    assertThat(first.getBatchItemFailures()).hasSize(1);
    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);
    assertThat(deliver(tasks).getBatchItemFailures()).hasSize(1);
    assertThat(deliver(tasks).getBatchItemFailures()).isEmpty();
    logisticsConfirms(id);

    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
    assertThat(calls.get("crm").get()).isEqualTo(3);
    assertThat(backoffs).as("asked again soon, not after the queue's six minutes").containsOnly(15);
    assertThat(calls.get("newsletter").get()).isEqualTo(1);
  }

  @Test
  void aSystemThatRefusesForGoodLeavesTheRequestOpenForAPerson() {
    scripted.put("newsletter", new ArrayList<>(List.of(404)));
    String id = verifiedErasure("vagrar@example.se");
    deliver(planMessage(id));

    assertThat(deliver(taskMessages()).getBatchItemFailures()).isEmpty();

    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);
    assertThat(requests.events(id)).anySatisfy(e -> {
      assertThat(e.what()).isEqualTo("erasure-task-failed");
      assertThat(e.details()).containsEntry("system", "newsletter").containsEntry("reason", "http-404");
    });
  }

  @Test
  void aPausedSystemsTasksWaitWithoutFailingAndTheOthersGoOn() {
    Policy paused = new Policy(POLICY.version(), POLICY.controller(), POLICY.timezone(), POLICY.dataCategories(),
        POLICY.purposes(), POLICY.recipients(), POLICY.systems().stream().map(s -> s.id().equals("crm")
            ? new Policy.DataSystem(s.id(), s.name(), s.recipient(), s.export(), s.erasure(), true) : s).toList(),
        POLICY.retention(), POLICY.requests(), POLICY.consent());
    handler = handler(paused);
    String id = verifiedErasure("pausad@example.se");
    deliver(planMessage(id));

    assertThat(deliver(taskMessages()).getBatchItemFailures()).hasSize(1);

    assertThat(calls.get("crm")).isNull();
    assertThat(calls.get("newsletter").get()).isEqualTo(1);
    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);
    Map<String, AttributeValue> task = dynamo.getItem(b -> b.tableName(table).key(Map.of(
        "pk", AttributeValue.fromS("R#" + id), "sk", AttributeValue.fromS("TASK#crm")))).item();
    assertThat(task.get("state").s()).isEqualTo("PENDING");
    assertThat(task.get("reason").s()).isEqualTo("paused");
  }

  @Test
  void aSystemThatSaysErasedButStillHoldsDataIsNotDoneUntilAnExportComesBackEmpty() {
    stillHolds.add("crm");
    String id = verifiedErasure("bevis@example.se");
    deliver(planMessage(id));
    String[] tasks = taskMessages();

    assertThat(deliver(tasks).getBatchItemFailures()).hasSize(1);
    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);
    stillHolds.clear();
    assertThat(deliver(tasks).getBatchItemFailures()).isEmpty();
    logisticsConfirms(id);

    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
    assertThat(calls.get("crm").get()).as("the erasure is asked again with the proof").isEqualTo(2);
  }

  @Test
  void aRestrictionMarksTheProfileAndIsPassedOnToEverySystemWeReachThenConfirmed() {
    String email = "begransa@example.se";
    String id = verified(email, RequestType.RESTRICTION);
    String subject = keys.of(EmailAddress.parse(email).orElseThrow());

    deliver(planMessage(id));
    String[] tasks = taskMessages();
    assertThat(tasks).hasSize(4);
    assertThat(deliver(tasks).getBatchItemFailures()).isEmpty();

    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
    assertThat(actions).containsExactlyInAnyOrder("webshop:restrict", "crm:restrict", "newsletter:restrict");
    Map<String, AttributeValue> profile = partition("S#" + subject).stream()
        .filter(i -> i.get("sk").s().equals("PROFILE")).findFirst().orElseThrow();
    assertThat(profile.get("restricted").bool()).as("kept, marked, not erased").isTrue();
    assertThat(partition("T#" + subject)).as("no tombstone: nothing was erased").isEmpty();
    assertThat(SentMail.to(cloud.emulators().endpoints(), email).get(1).get("subject").asText())
        .startsWith("Behandlingen av dina personuppgifter är begränsad");

    // A new order afterwards does not lift the restriction.
    new RecordActivity(POLICY, keys, new SubjectTable(dynamo, table)).record(ActivityEvents.read("npprod.support",
        ActivityEvents.SUPPORT_CONTACT, "after-" + id, Map.of("caseId", "S-1", "contactedAt", "2026-11-26T10:00:00Z",
            "customer", Map.of("email", email), "channel", "email")));
    assertThat(partition("S#" + subject).stream().filter(i -> i.get("sk").s().equals("PROFILE")).findFirst().orElseThrow()
        .get("restricted").bool()).isTrue();
  }

  @Test
  void anObjectionMarksTheProfileAndReachesTheMarketingSystemsOnly() {
    String email = "invander@example.se";
    String id = verified(email, RequestType.OBJECTION);

    deliver(planMessage(id));
    String[] tasks = taskMessages();
    assertThat(tasks).hasSize(2);
    deliver(tasks);

    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
    assertThat(actions).containsExactly("newsletter:object");
    Map<String, AttributeValue> profile = partition("S#" + keys.of(EmailAddress.parse(email).orElseThrow())).stream()
        .filter(i -> i.get("sk").s().equals("PROFILE")).findFirst().orElseThrow();
    assertThat(profile.get("objectsToProfiling").bool()).isTrue();
    assertThat(profile.get("objectsToDirectMarketing").bool()).isTrue();
    assertThat(SentMail.to(cloud.emulators().endpoints(), email).get(1).get("subject").asText())
        .startsWith("Vi har registrerat din invändning");
  }

  @Test
  void aRectificationWaitsForThePrivacyTeamThenCorrectsOurProfileAndEverySystemByApiAndTellsThePersonWhichFields() {
    String email = "rattelse.hela.vagen@example.se";
    String id = verified(email, RequestType.RECTIFICATION);
    String subject = keys.of(EmailAddress.parse(email).orElseThrow());
    deliver(planMessage(id));
    assertThat(taskMessages()).as("nothing passed on before the team has confirmed the fields").isEmpty();

    new ConfirmRectification(requests, new ErasureTable(dynamo, table, POLICY.timezone()), queue, Clock.systemUTC())
        .confirm(id, Map.of("name", "Rut Rättad", "phone", "+46 70 999 88 77"), "arn:aws:iam::123456789012:user/team");
    assertThat(deliver(planMessage(plans.get(plans.size() - 1))).getBatchItemFailures()).isEmpty();
    String[] tasks = taskMessages();
    assertThat(tasks).hasSize(4);
    assertThat(deliver(tasks).getBatchItemFailures()).isEmpty();

    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
    Map<String, AttributeValue> profile = partition("S#" + subject).stream()
        .filter(i -> i.get("sk").s().equals("PROFILE")).findFirst().orElseThrow();
    assertThat(profile.get("name").s()).isEqualTo("Rut Rättad");
    assertThat(profile.get("phone").s()).isEqualTo("+46 70 999 88 77");
    assertThat(partition("S#" + subject)).as("the order and the invoice stay").hasSizeGreaterThan(1);
    assertThat(actions).containsExactlyInAnyOrder("webshop:rectify", "crm:rectify", "newsletter:rectify");
    assertThat(received).allSatisfy(body -> {
      assertThat(body.get("fields").get("name").asText()).isEqualTo("Rut Rättad");
      assertThat(body.get("fields").get("phone").asText()).isEqualTo("+46 70 999 88 77");
      assertThat(body.get("subject").get("phones").get(0).asText()).as("found by the number they knew")
          .isEqualTo("+46 70 222 33 44");
    });
    assertThat(SentMail.to(cloud.emulators().endpoints(), LOGISTICS)).as("the partner by mail is the team's to tell").isEmpty();
    JsonNode confirmation = SentMail.to(cloud.emulators().endpoints(), email).get(1);
    assertThat(confirmation.get("subject").asText()).startsWith("Dina personuppgifter är rättade");
    assertThat(confirmation.get("body").get("text").asText())
        .contains("- namn\n- telefonnummer", "- name\n- phone number", "Kundsystemet (CRM)", "Nyhetsbrevstjänsten")
        .doesNotContain("Rättad", "999");
    assertThat(requests.events(id)).anySatisfy(e -> assertThat(e.details()).containsEntry("byHand", "logistics"));
  }

  @Test
  void theWaitBeforeAskingAgainDoublesUpToFifteenMinutes() {
    assertThat(java.util.stream.IntStream.rangeClosed(1, 9).map(ErasureHandler.Backoff::seconds).boxed().toList())
        .containsExactly(15, 30, 60, 120, 240, 480, 900, 900, 900);
  }

  @Test
  void aPoisonMessageIsReportedForTheDeadLetterQueue() {
    assertThat(deliver("not json", "{\"requestId\":\"abcdefghijklmnopqrstuvwxyz\"}").getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly("m-0", "m-1");
  }
}
