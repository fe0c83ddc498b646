package se.npprod.privacy.aws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.subject.ActivityEvents;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.RecordActivity;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.core.testing.Policies;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The TTL backstop of a person's items against dynoxide: no item ever expires before the person's
 * deadline, new activity moves older items' expiry with it, and a long history is swept about once
 * a month of activity rather than once an order.
 */
@ExtendWith(EmulatorsExtension.class)
class SubjectExpiryTest {
  private static final Policy POLICY = Policies.seed();
  private static final SubjectKeys KEYS = new SubjectKeys("x".repeat(32).getBytes(UTF_8));

  private DynamoDbClient dynamo;
  private String tableName;
  private SubjectTable subjects;
  private RecordActivity recorder;

  @BeforeEach
  void connect(LocalCloud cloud) {
    tableName = cloud.physicalName("PrivacyTable");
    dynamo = cloud.emulators().endpoints().dynamoDbClient();
    subjects = new SubjectTable(dynamo, tableName);
    recorder = new RecordActivity(POLICY, KEYS, subjects);
  }

  private void order(String email, String placedAt, String id) {
    Map<String, Object> detail = new HashMap<>(Map.of("orderId", id, "placedAt", placedAt,
        "customer", Map.of("email", email, "name", "Kund"),
        "lines", List.of(Map.of("sku", "NP-1", "name", "Kabelkanal", "quantity", 1, "unitPrice", "149.00")),
        "total", "149.00", "currency", "SEK"));
    recorder.record(ActivityEvents.read("npprod.webshop", ActivityEvents.ORDER_PLACED, "ev-" + id, detail));
  }

  private List<Map<String, AttributeValue>> items(String subject) {
    return dynamo.query(b -> b.tableName(tableName).consistentRead(true).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Table.subject(subject))))).items();
  }

  private static long ttl(Map<String, AttributeValue> item) {
    return Long.parseLong(item.get(Table.TTL).n());
  }

  @Test
  void olderItemsMoveWithTheDeadlineOnceAMonthOfActivityNeverBelowIt() {
    String email = "manga.ordrar." + System.nanoTime() + "@example.se";
    String subject = KEYS.of(EmailAddress.parse(email).orElseThrow());
    order(email, "2030-03-03T10:00:00Z", "A1");
    long firstDeadline = Instant.parse("2032-03-03T10:00:00Z").getEpochSecond();
    assertThat(items(subject)).allSatisfy(i -> assertThat(ttl(i)).as(i.get("sk").s()).isGreaterThanOrEqualTo(firstDeadline));

    order(email, "2030-03-20T10:00:00Z", "A2");
    long kept = LocalDate.parse("2032-04-01").atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    assertThat(items(subject)).allSatisfy(i -> assertThat(ttl(i)).as(i.get("sk").s())
        .isGreaterThanOrEqualTo(LocalDate.parse("2032-03-20").atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
    assertThat(items(subject)).filteredOn(i -> i.get("sk").s().startsWith("ACT#2030-03-03"))
        .singleElement().satisfies(first -> assertThat(ttl(first)).as("raised to the month after the new deadline")
            .isEqualTo(kept).isGreaterThan(firstDeadline));

    // Later orders the same month: the items are kept far enough already; nothing is swept.
    assertThat(subjects.keepUntil(subject, Instant.parse("2032-03-28T10:00:00Z"))).isZero();
    order(email, "2030-03-28T10:00:00Z", "A3");
    assertThat(items(subject)).filteredOn(i -> i.get("sk").s().startsWith("ACT#2030-03-03"))
        .singleElement().satisfies(first -> assertThat(ttl(first)).isEqualTo(kept));
    // An order next month moves them again.
    order(email, "2030-04-02T10:00:00Z", "A4");
    assertThat(subjects.keepUntil(subject, Instant.parse("2032-04-02T10:00:00Z"))).isZero();
    assertThat(items(subject)).allSatisfy(i -> assertThat(ttl(i)).as(i.get("sk").s())
        .isGreaterThanOrEqualTo(Instant.parse("2032-04-02T10:00:00Z").getEpochSecond()));
  }
}
