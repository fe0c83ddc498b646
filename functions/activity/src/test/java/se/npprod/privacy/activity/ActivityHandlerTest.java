package se.npprod.privacy.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.aws.ErasureTable;
import se.npprod.privacy.aws.SubjectTableEraser;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.LocalContext;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import se.npprod.privacy.local.emulators.RepoRoot;
import se.npprod.privacy.policy.BundledPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** ActivityFunction as Lambda builds it, fed the shop's sample events from events/activity/. */
@ExtendWith(EmulatorsExtension.class)
class ActivityHandlerTest {
  private ActivityHandler handler;
  private DynamoDbClient dynamo;
  private String table;

  @BeforeEach
  void startFunction(LocalCloud cloud) {
    Template.Function function = cloud.template().functions().stream()
        .filter(f -> f.logicalId().equals("ActivityFunction")).findFirst().orElseThrow();
    cloud.environment(function).forEach(System::setProperty);
    handler = new ActivityHandler();
    dynamo = cloud.emulators().endpoints().dynamoDbClient();
    table = cloud.physicalName("PrivacyTable");
  }

  private static ScheduledEvent sample(String name, String email) {
    ScheduledEvent e = EventLoader.loadScheduledEvent(RepoRoot.find().resolve("events/activity").resolve(name).toString());
    e.setId(UUID.randomUUID().toString());
    if (email != null) {
      Map<String, Object> detail = new HashMap<>(e.getDetail());
      @SuppressWarnings("unchecked")
      Map<String, Object> customer = new HashMap<>((Map<String, Object>) detail.get("customer"));
      customer.put("email", email);
      detail.put("customer", customer);
      e.setDetail(detail);
    }
    return e;
  }

  private String handle(ScheduledEvent e) {
    return handler.handleRequest(e, new LocalContext("ActivityFunction", 10));
  }

  /** The subject's partition, found through the only key that holds no address: its profile's due key. */
  private List<Map<String, AttributeValue>> partitionOf(String email) {
    Map<String, AttributeValue> profile = dynamo.scan(b -> b.tableName(table)).items().stream()
        .filter(i -> i.get("sk").s().equals("PROFILE") && email.equals(i.get("email").s())).findFirst().orElseThrow();
    return dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", profile.get("pk")))).items();
  }

  private List<Map<String, AttributeValue>> partition(String pk) {
    return dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items();
  }

  /** As a completed erasure leaves the person: their partition erased, a tombstone written; returns the partition key. */
  private String erase(String email) {
    String pk = item(partitionOf(email), "PROFILE").get("pk").s();
    String subject = pk.substring("S#".length());
    Policy policy = BundledPolicy.policy();
    new SubjectTableEraser(dynamo, table, policy.retention().bookkeeping()).erase(subject, Instant.now());
    new ErasureTable(dynamo, table, policy.timezone()).tombstone(subject, "req-" + UUID.randomUUID(),
        List.of("registry", "newsletter"), Instant.now());
    return pk;
  }

  /** What the function printed to its log (the local context's logger writes to standard error). */
  private static String logOf(Runnable invocation) {
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      System.setErr(capture);
      invocation.run();
    } finally {
      System.setErr(err);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, AttributeValue> item(List<Map<String, AttributeValue>> items, String skPrefix) {
    return items.stream().filter(i -> i.get("sk").s().startsWith(skPrefix)).findFirst().orElseThrow();
  }

  @Test
  void anOrderBecomesTheSubjectsDataAndStartsTheTwentyFourMonths() {
    assertThat(handle(sample("order-placed.json", "order@example.se"))).isEqualTo("recorded");

    List<Map<String, AttributeValue>> items = partitionOf("order@example.se");
    assertThat(items).hasSize(3);
    Map<String, AttributeValue> profile = item(items, "PROFILE");
    assertThat(profile.get("pk").s()).matches("S#[0-9a-f]{64}").doesNotContain("order");
    assertThat(profile.get("deadline").s()).isEqualTo("2028-11-20");
    assertThat(profile.get("dueDay").s()).isEqualTo("2028-11-20");
    assertThat(profile.get("systems").ss()).containsExactly("webshop");
    assertThat(profile.get("customerNumbers").ss()).containsExactly("K-10023");
    Map<String, AttributeValue> order = item(items, "ACT#");
    assertThat(order.get("orderId").s()).isEqualTo("100234");
    assertThat(order.get("lines").l()).hasSize(2);
    assertThat(order.get("expiresAt").n()).isEqualTo(profile.get("expiresAt").n());
    Map<String, AttributeValue> invoice = item(items, "INV#");
    // Invoice dated 2026, fiscal year ending 31 December 2026: kept through 2033, deletable from 2034.
    assertThat(invoice.get("deletableFrom").s()).isEqualTo("2034-01-01");
    assertThat(invoice.get("buyerAddress").s()).contains("Småstad");
  }

  @Test
  void theSameEventTwiceIsRecordedOnce() {
    ScheduledEvent e = sample("support-contact.json", "twice@example.se");

    assertThat(handle(e)).isEqualTo("recorded");
    assertThat(handle(e)).isEqualTo("duplicate");

    assertThat(partitionOf("twice@example.se")).hasSize(2);
    assertThat(item(partitionOf("twice@example.se"), "PROFILE").get("version").n()).isEqualTo("1");
  }

  @Test
  void aSupportContactMovesTheClockAndAnAccountChangeDoesNot() {
    handle(sample("order-placed.json", "clock@example.se"));
    handle(sample("support-contact.json", "clock@example.se"));
    String afterSupport = item(partitionOf("clock@example.se"), "PROFILE").get("deadline").s();
    ScheduledEvent later = sample("account-changed.json", "clock@example.se");
    Map<String, Object> detail = new HashMap<>(later.getDetail());
    detail.put("changedAt", "2027-03-01T10:00:00Z");
    later.setDetail(detail);
    handle(later);

    Map<String, AttributeValue> profile = item(partitionOf("clock@example.se"), "PROFILE");
    assertThat(afterSupport).isEqualTo("2028-11-22");
    assertThat(profile.get("deadline").s()).isEqualTo("2028-11-22");
    assertThat(profile.get("systems").ss()).containsExactlyInAnyOrder("webshop", "support");
  }

  @Test
  void aMarketingImportForANewPersonIsRecordedAndStartsTheTwentyFourMonths() {
    assertThat(handle(sample("marketing-imported.json", "fair@example.se"))).isEqualTo("recorded");

    List<Map<String, AttributeValue>> items = partitionOf("fair@example.se");
    assertThat(items).hasSize(2);
    Map<String, AttributeValue> profile = item(items, "PROFILE");
    assertThat(profile.get("deadline").s()).isEqualTo("2028-11-24");
    assertThat(profile.get("systems").ss()).containsExactly("newsletter");
    Map<String, AttributeValue> imported = item(items, "ACT#");
    assertThat(imported.get("kind").s()).isEqualTo("marketing-import");
    assertThat(imported.get("list").s()).isEqualTo("elmia-2026-anmalan");
    assertThat(imported.get("consent").bool()).isTrue();
    assertThat(imported.get("consentedAt").s()).isEqualTo("2026-11-19T14:20:00Z");
  }

  @Test
  void aMarketingImportForAnErasedPersonWritesNothingAndLogsOnlyCodes() {
    handle(sample("marketing-imported.json", "erased@example.se"));
    String pk = erase("erased@example.se");
    assertThat(partition(pk)).isEmpty();

    ScheduledEvent again = sample("marketing-imported.json", "Erased@Example.se");
    String[] answer = new String[1];
    String log = logOf(() -> answer[0] = handle(again));

    assertThat(answer[0]).isEqualTo("suppressed");
    assertThat(partition(pk)).isEmpty();
    assertThat(log).contains("[ActivityFunction] activity suppressed kind=marketing-import system=newsletter\n")
        .doesNotContainIgnoringCase("erased@example.se").doesNotContain(pk.substring(2, 14)).doesNotContain(again.getId());
  }

  @Test
  void anErasedPersonsOwnOrderIsRecordedAsANewRelationship() {
    handle(sample("support-contact.json", "returning@example.se"));
    String pk = erase("returning@example.se");

    assertThat(handle(sample("order-placed.json", "returning@example.se"))).isEqualTo("recorded");

    assertThat(partition(pk)).extracting(i -> i.get("sk").s()).anyMatch(sk -> sk.startsWith("ACT#"))
        .contains("PROFILE");
  }

  @Test
  void anAddressInAnotherCaseIsTheSameSubject() {
    handle(sample("order-placed.json", "Case.Person@Example.SE"));
    handle(sample("support-contact.json", "case.person@example.se"));

    assertThat(partitionOf("case.person@example.se")).hasSize(4);
  }

  @Test
  void aMalformedEventIsRejectedWholeAndWritesNothing() {
    long before = dynamo.scan(b -> b.tableName(table)).count();
    ScheduledEvent bad = sample("order-placed.json", "not an address");
    Map<String, Object> detail = new HashMap<>(bad.getDetail());
    detail.put("total", "lots");
    detail.remove("lines");
    bad.setDetail(detail);
    ScheduledEvent unknown = sample("order-placed.json", null);
    unknown.setDetailType("Order Teleported");

    assertThat(handle(bad)).isEqualTo("rejected");
    assertThat(handle(unknown)).isEqualTo("rejected");
    assertThat(dynamo.scan(b -> b.tableName(table)).count()).isEqualTo(before);
  }
}
