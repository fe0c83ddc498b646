package se.npprod.privacy.aws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.core.erasure.ConnectorResult;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.port.Unavailable;
import se.npprod.privacy.core.subject.Activity;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.RecordActivity;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.core.testing.Policies;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(EmulatorsExtension.class)
class SubjectTableEraserTest {
  private static final Policy POLICY = Policies.seed();
  private static final SubjectKeys KEYS = new SubjectKeys("k".repeat(32).getBytes(UTF_8));
  private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
  /** After 1 January 2034, when the 2026 invoice's seven bookkeeping years are over. */
  private static final Instant AFTER_BOOKKEEPING = Instant.parse("2035-01-02T10:00:00Z");

  private DynamoDbClient dynamo;
  private String tableName;
  private RecordActivity recorder;
  private SubjectTableEraser eraser;

  @BeforeEach
  void connect(LocalCloud cloud) {
    tableName = cloud.physicalName("PrivacyTable");
    dynamo = cloud.emulators().endpoints().dynamoDbClient();
    recorder = new RecordActivity(POLICY, KEYS, new SubjectTable(dynamo, tableName));
    eraser = new SubjectTableEraser(dynamo, tableName, POLICY.retention().bookkeeping());
  }

  @Test
  void erasesEveryPersonalItemAndKeepsOnlyTheInvoicesAccountingFieldsRestricted() {
    String subject = customerWithOrderSupportAndAccount();
    put(Table.subject(subject), Table.openRequest("erasure"), Map.of("requestId", s("req-1")));
    Map<String, AttributeValue> before = item(Table.subject(subject), Table.invoice(invoiceOf(subject)));

    ConnectorResult result = eraser.erase(subject, NOW);

    assertThat(result.outcome()).isEqualTo(ConnectorResult.Outcome.DONE);
    assertThat(result.counts()).containsExactlyInAnyOrderEntriesOf(
        Map.of("deleted", 5L, "invoicesKept", 1L, "invoicesDeleted", 0L));
    List<Map<String, AttributeValue>> left = partition(Table.subject(subject));
    assertThat(left).hasSize(1);
    Map<String, AttributeValue> invoice = left.get(0);
    assertThat(invoice.keySet()).containsExactlyInAnyOrder("pk", "sk", "invoiceNumber", "invoiceDate", "amount", "vat",
        "buyerName", "buyerAddress", "deletableFrom", "expiresAt", "restricted", "restrictedAt", "dueDay", "dueKey");
    for (String kept : List.of("pk", "sk", "invoiceNumber", "invoiceDate", "amount", "vat", "buyerName", "buyerAddress",
        "deletableFrom", "expiresAt", "dueDay", "dueKey")) {
      assertThat(invoice.get(kept)).as(kept).isEqualTo(before.get(kept));
    }
    assertThat(invoice.get("deletableFrom").s()).as("the bookkeeping deadline stays").isEqualTo("2034-01-01");
    assertThat(invoice.get("dueDay").s()).as("listed for the retention scan on that day").isEqualTo("2034-01-01");
    assertThat(invoice.get("restricted").bool()).isTrue();
    assertThat(invoice.get("restrictedAt").s()).isEqualTo(NOW.toString());
  }

  @Test
  void neverTouchesOtherSubjectsRequestsOrConsent() {
    String subject = customerWithOrderSupportAndAccount();
    String other = customerWithOrderSupportAndAccount();
    String request = "R#" + UUID.randomUUID();
    String visitor = Table.visitor(UUID.randomUUID().toString());
    put(request, Table.REQUEST_SK, Map.of("subject", s(subject), "type", s("erasure")));
    put(visitor, Table.consentDecision(NOW, "rec-1"), Map.of("analytics", AttributeValue.fromBool(false)));
    List<Map<String, AttributeValue>> otherBefore = partition(Table.subject(other));
    List<Map<String, AttributeValue>> requestBefore = partition(request);
    List<Map<String, AttributeValue>> consentBefore = partition(visitor);

    eraser.erase(subject, NOW);

    assertThat(partition(Table.subject(other))).hasSize(5).isEqualTo(otherBefore);
    assertThat(partition(request)).hasSize(1).isEqualTo(requestBefore);
    assertThat(partition(visitor)).hasSize(1).isEqualTo(consentBefore);
  }

  @Test
  void aSecondRunDeletesNothingMoreAndReportsTheSameKeptInvoice() {
    String subject = customerWithOrderSupportAndAccount();
    eraser.erase(subject, NOW);
    List<Map<String, AttributeValue>> afterFirst = partition(Table.subject(subject));

    ConnectorResult again = eraser.erase(subject, NOW.plusSeconds(3600));

    assertThat(again.counts()).containsExactlyInAnyOrderEntriesOf(
        Map.of("deleted", 0L, "invoicesKept", 1L, "invoicesDeleted", 0L));
    assertThat(partition(Table.subject(subject))).as("restrictedAt keeps the day the restriction began")
        .isEqualTo(afterFirst);
  }

  @Test
  void deletesAnInvoiceWhoseBookkeepingPeriodIsOver() {
    String subject = customerWithOrderSupportAndAccount();

    ConnectorResult result = eraser.erase(subject, AFTER_BOOKKEEPING);

    assertThat(result.counts()).containsExactlyInAnyOrderEntriesOf(
        Map.of("deleted", 4L, "invoicesKept", 0L, "invoicesDeleted", 1L));
    assertThat(partition(Table.subject(subject))).isEmpty();
  }

  @Test
  void deletesAKeptInvoiceOnceItsBookkeepingPeriodIsOver() {
    String subject = customerWithOrderSupportAndAccount();
    eraser.erase(subject, NOW);

    ConnectorResult later = eraser.erase(subject, AFTER_BOOKKEEPING);

    assertThat(later.counts()).containsEntry("invoicesDeleted", 1L).containsEntry("invoicesKept", 0L);
    assertThat(partition(Table.subject(subject))).isEmpty();
  }

  @Test
  void keepsAnInvoiceUntilTheFirstOfJanuaryBeginsInStockholm() {
    String subject = customerWithOrderSupportAndAccount();
    Instant stockholmNewYear = Instant.parse("2033-12-31T23:00:00Z");

    ConnectorResult lastSecond = eraser.erase(subject, stockholmNewYear.minusSeconds(1));
    ConnectorResult newYear = eraser.erase(subject, stockholmNewYear);

    assertThat(lastSecond.counts()).containsEntry("invoicesKept", 1L).containsEntry("invoicesDeleted", 0L);
    assertThat(newYear.counts()).containsEntry("invoicesKept", 0L).containsEntry("invoicesDeleted", 1L);
  }

  @Test
  void erasesAHistoryLongerThanOneBatch() {
    EmailAddress email = newAddress();
    for (int i = 0; i < 60; i++) {
      recorder.record(new Activity.SupportContact("e-" + UUID.randomUUID(), "support", NOW.minusSeconds(60L * (60 - i)),
          new Activity.Contact(email, "Anna Andersson", "+46701234567", null), "case-" + i, "email",
          "Leverans", "Paketet kom inte fram"));
    }
    String subject = KEYS.of(email);
    assertThat(partition(Table.subject(subject))).hasSize(61);

    ConnectorResult result = eraser.erase(subject, NOW);

    assertThat(result.counts()).containsEntry("deleted", 61L).containsEntry("invoicesKept", 0L);
    assertThat(partition(Table.subject(subject))).isEmpty();
  }

  @Test
  void reportsATableThatDoesNotAnswerAsUnavailable() {
    DynamoDbClient unreachable = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
        .region(Region.EU_NORTH_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();

    assertThatThrownBy(() -> new SubjectTableEraser(unreachable, tableName, POLICY.retention().bookkeeping())
        .erase("ab".repeat(32), NOW))
        .isInstanceOf(Unavailable.class)
        .satisfies(e -> assertThat(((Unavailable) e).dependency()).isEqualTo("table"));
  }

  /** A person with an order (and its invoice of 2026-11-20), a support contact and an account. */
  private String customerWithOrderSupportAndAccount() {
    EmailAddress email = newAddress();
    Activity.Contact contact = new Activity.Contact(email, "Anna Andersson", "+46701234567", "C-1001");
    String invoiceNumber = "F-" + UUID.randomUUID();
    recorder.record(new Activity.OrderPlaced("e-" + UUID.randomUUID(), "webshop", Instant.parse("2026-11-20T09:00:00Z"),
        contact, "o-" + UUID.randomUUID(), List.of(new Activity.OrderLine("sku-1", "Flytväst", 1, "499.00")), "499.00",
        "SEK", "Lämna vid dörren", Optional.of(new Activity.Invoice(invoiceNumber, LocalDate.parse("2026-11-20"),
            "499.00", "99.80", "Anna Andersson", "Storgatan 1, 111 22 Stockholm"))));
    recorder.record(new Activity.SupportContact("e-" + UUID.randomUUID(), "support", Instant.parse("2026-11-21T09:00:00Z"),
        contact, "case-1", "email", "Leverans", "Paketet kom inte fram"));
    recorder.record(new Activity.AccountChanged("e-" + UUID.randomUUID(), "webshop", Instant.parse("2026-11-22T09:00:00Z"),
        contact, "acc-1", false, Optional.of(true)));
    return KEYS.of(email);
  }

  private static EmailAddress newAddress() {
    return EmailAddress.parse("kund-" + UUID.randomUUID() + "@example.se").orElseThrow();
  }

  private String invoiceOf(String subject) {
    return partition(Table.subject(subject)).stream().map(i -> i.get("sk").s())
        .filter(sk -> sk.startsWith(Table.INVOICE_PREFIX)).findFirst().orElseThrow()
        .substring(Table.INVOICE_PREFIX.length());
  }

  private void put(String pk, String sk, Map<String, AttributeValue> attributes) {
    Map<String, AttributeValue> item = new java.util.HashMap<>(attributes);
    item.putAll(Items.key(pk, sk));
    dynamo.putItem(b -> b.tableName(tableName).item(item));
  }

  private Map<String, AttributeValue> item(String pk, String sk) {
    return dynamo.getItem(b -> b.tableName(tableName).key(Items.key(pk, sk)).consistentRead(true)).item();
  }

  private List<Map<String, AttributeValue>> partition(String pk) {
    return dynamo.queryPaginator(b -> b.tableName(tableName).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", s(pk))).consistentRead(true)).items().stream().toList();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
