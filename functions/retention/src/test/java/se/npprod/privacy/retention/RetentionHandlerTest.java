package se.npprod.privacy.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.aws.ConsentTable;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.RetentionTable;
import se.npprod.privacy.aws.SubjectTable;
import se.npprod.privacy.aws.SubjectTableEraser;
import se.npprod.privacy.core.consent.ConsentMethod;
import se.npprod.privacy.core.consent.ConsentRecord;
import se.npprod.privacy.core.consent.ConsentStore;
import se.npprod.privacy.core.erasure.ErasureQueue;
import se.npprod.privacy.core.erasure.ErasureTask;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.request.SubmitRequest;
import se.npprod.privacy.core.request.VerificationToken;
import se.npprod.privacy.core.retention.Hold;
import se.npprod.privacy.core.retention.PlaceHold;
import se.npprod.privacy.core.retention.RetentionScan;
import se.npprod.privacy.core.subject.ActivityEvents;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.RecordActivity;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.core.testing.MutableClock;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import se.npprod.privacy.policy.BundledPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The 24-month rule over dynoxide, driven by a movable clock: time moves by months, nothing waits.
 * Orders are recorded as the ActivityFunction records them; each run is RetentionFunction's, with
 * its JSON input; the erasure queue is a recorder here (the fan-out it starts is ErasureFunction's,
 * tested on its own and end to end). Each test lives in its own years, since the emulators and the
 * index are shared by the module's tests.
 */
@ExtendWith(EmulatorsExtension.class)
class RetentionHandlerTest {
  private static final Policy POLICY = BundledPolicy.policy();
  private static final ObjectMapper JSON = new ObjectMapper();

  private DynamoDbClient dynamo;
  private String table;
  private MutableClock clock;
  private SubjectKeys keys;
  private RequestTable requests;
  private RetentionTable retention;
  private final List<String> planned = new ArrayList<>();

  @BeforeEach
  void wire(LocalCloud cloud) {
    cloud.emulators().endpoints().environment().forEach(System::setProperty);
    dynamo = cloud.emulators().endpoints().dynamoDbClient();
    table = cloud.physicalName("PrivacyTable");
    keys = new SubjectKeys("r".repeat(32).getBytes(StandardCharsets.UTF_8));
    requests = new RequestTable(dynamo, table, POLICY.timezone());
    retention = new RetentionTable(dynamo, table, POLICY.timezone(), POLICY.requests().keepClosedFor());
    // Each test starts as a first run: an earlier test's checkpoint would send this one back to its days.
    dynamo.deleteItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("RETENTION"),
        "sk", AttributeValue.fromS("CHECKPOINT"))));
  }

  private RetentionHandler handler(boolean pretendAllowed) {
    ErasureQueue queue = new ErasureQueue() {
      @Override
      public void plan(String requestId) {
        planned.add(requestId);
      }

      @Override
      public void send(List<ErasureTask> tasks) {
        throw new AssertionError("the scan only asks for plans");
      }
    };
    return new RetentionHandler(new RetentionScan(POLICY, retention, new SubjectTable(dynamo, table), requests, queue,
        clock), POLICY, clock, pretendAllowed);
  }

  /** An order as the shop sends it, recorded with the clock at its time (as it would be, live). */
  private String order(String email, String at, String invoiceNumber) {
    Instant placed = LocalDateTime.parse(at).atZone(POLICY.timezone()).toInstant();
    clock = clock == null ? new MutableClock(placed) : clock;
    MutableClock recordClock = new MutableClock(placed);
    Map<String, Object> detail = new HashMap<>(Map.of("orderId", "O-" + invoiceNumber, "placedAt", placed.toString(),
        "customer", Map.of("email", email, "name", "Kund", "customerNumber", "K-" + email.hashCode()),
        "lines", List.of(Map.of("sku", "NP-1", "name", "Kabelkanal", "quantity", 1, "unitPrice", "149.00")),
        "total", "149.00", "currency", "SEK"));
    detail.put("invoice", Map.of("invoiceNumber", invoiceNumber, "invoiceDate", at.substring(0, 10), "amount", "149.00",
        "vat", "29.80", "buyerName", "Kund", "buyerAddress", "Gatan 1, 123 45 Småstad"));
    new RecordActivity(POLICY, keys, new SubjectTable(dynamo, table, recordClock))
        .record(ActivityEvents.read("npprod.webshop", ActivityEvents.ORDER_PLACED, "ev-" + invoiceNumber, detail));
    return keys.of(EmailAddress.parse(email).orElseThrow());
  }

  private JsonNode run(LocalDate day) throws Exception {
    return run(day, false);
  }

  private JsonNode run(LocalDate day, boolean dryRun) throws Exception {
    clock.set(day.atTime(2, 15).atZone(POLICY.timezone()).toInstant());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler(false).handleRequest(new ByteArrayInputStream(("{\"dryRun\":" + dryRun + "}")
        .getBytes(StandardCharsets.UTF_8)), out, null);
    return JSON.readTree(out.toByteArray());
  }

  private List<Map<String, AttributeValue>> partition(String pk) {
    return dynamo.query(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items();
  }

  private static long expiresAt(Map<String, AttributeValue> item) {
    return Long.parseLong(item.get("expiresAt").n());
  }

  @Test
  void aPersonIsErasedOnTheDayTheir24MonthsEndNotADayBefore() throws Exception {
    String subject = order("sista.ordern@example.se", "2040-11-25T10:00", "F-40-1");

    JsonNode before = run(LocalDate.parse("2042-11-24"));
    assertThat(before.get("subjectsDue").asInt()).isZero();
    assertThat(planned).isEmpty();

    JsonNode onTheDay = run(LocalDate.parse("2042-11-25"));
    assertThat(onTheDay.get("subjectsDue").asInt()).isEqualTo(1);
    assertThat(onTheDay.get("erasuresEnqueued").asInt()).isEqualTo(1);
    assertThat(onTheDay.get("entriesRead").asInt()).as("the index, not the table").isEqualTo(1);
    assertThat(planned).hasSize(1);
    PrivacyRequest request = requests.request(planned.get(0)).orElseThrow();
    assertThat(request.channel()).isEqualTo(Channel.RETENTION);
    assertThat(request.status()).isEqualTo(RequestStatus.VERIFIED);
    assertThat(request.subject()).isEqualTo(subject);
    assertThat(partition("R#" + request.id())).anySatisfy(e -> assertThat(e.get("sk").s()).startsWith("EVENT#"))
        .anySatisfy(e -> assertThat(e.get("sk").s()).isEqualTo("FOLLOWUP#overdue"));
  }

  @Test
  void runningTwiceTheSameDayDoesNothingTwiceAndTheNextDayKnowsTheErasureIsUnderWay() throws Exception {
    order("tva.ganger@example.se", "2044-03-10T12:00", "F-44-1");
    assertThat(run(LocalDate.parse("2046-03-10")).get("erasuresEnqueued").asInt()).isEqualTo(1);

    JsonNode again = run(LocalDate.parse("2046-03-10"));
    assertThat(again.get("alreadyDone").asBoolean()).isTrue();
    assertThat(again.get("entriesRead").asInt()).isZero();
    assertThat(planned).hasSize(1);

    // The next day the profile is still listed (the erasure has not run here): recognised, not restarted.
    requests.transition(planned.get(0), RequestStatus.VERIFIED, RequestStatus.IN_PROGRESS, Optional.empty(),
        AuditEvent.of(planned.get(0), clock.instant(), "erasure-started"));
    JsonNode nextDay = run(LocalDate.parse("2046-03-11"));
    assertThat(nextDay.get("alreadyErasing").asInt()).isEqualTo(1);
    assertThat(nextDay.get("erasuresEnqueued").asInt()).isZero();
    assertThat(planned).hasSize(1);
  }

  @Test
  void aNewOrderOnDay700PushesTheDeadlineAndEveryItemsExpiryOut() throws Exception {
    String subject = order("trogen.kund@example.se", "2050-01-15T09:00", "F-50-1");
    long firstExpiry = partition("S#" + subject).stream().filter(i -> i.get("sk").s().startsWith("ACT#"))
        .mapToLong(RetentionHandlerTest::expiresAt).min().orElseThrow();
    order("trogen.kund@example.se", "2051-12-16T09:00", "F-51-1"); // day 700

    assertThat(run(LocalDate.parse("2052-01-15")).get("subjectsDue").asInt()).as("the old deadline").isZero();
    long deadline = LocalDate.parse("2053-12-16").atStartOfDay(POLICY.timezone()).toEpochSecond();
    assertThat(partition("S#" + subject)).allSatisfy(item -> assertThat(expiresAt(item))
        .as(item.get("sk").s() + " never expires before the deadline").isGreaterThanOrEqualTo(deadline));
    assertThat(firstExpiry).isLessThan(deadline);

    assertThat(run(LocalDate.parse("2053-12-15")).get("subjectsDue").asInt()).isZero();
    assertThat(run(LocalDate.parse("2053-12-16")).get("subjectsDue").asInt()).isEqualTo(1);
  }

  @Test
  void twentyFourMonthsFromTheTwentyNinthOfFebruaryEndOnTheTwentyEighth() throws Exception {
    order("skottdag@example.se", "2056-02-29T15:00", "F-56-1");
    assertThat(run(LocalDate.parse("2058-02-27")).get("subjectsDue").asInt()).isZero();
    assertThat(run(LocalDate.parse("2058-02-28")).get("subjectsDue").asInt()).isEqualTo(1);
  }

  @Test
  void aHeldPersonIsPassedOverAndAuditedUntilTheHoldEndsThenDueAtTheNextRun() throws Exception {
    String subject = order("tvist@example.se", "2060-05-05T10:00", "F-60-1");
    Instant set = LocalDate.parse("2062-04-01").atStartOfDay(POLICY.timezone()).toInstant();
    retention.placeHold(new Hold(subject, "tvist-om-leverans", "arn:aws:iam::123456789012:user/integritet", set,
        LocalDate.parse("2062-08-31")), set.plusSeconds(86400L * 365 * 3));

    JsonNode held = run(LocalDate.parse("2062-05-05"));
    assertThat(held.get("holdsSkipped").asInt()).isEqualTo(1);
    assertThat(held.get("subjectsDue").asInt()).isZero();
    assertThat(planned).isEmpty();
    assertThat(partition("RETENTION#2062-05-05")).singleElement().satisfies(note -> {
      assertThat(note.get("what").s()).isEqualTo("retention-held");
      assertThat(note.get("details").m().get("subject").s()).isEqualTo(subject);
    });
    long afterHold = LocalDate.parse("2062-09-01").atStartOfDay(POLICY.timezone()).toEpochSecond();
    assertThat(partition("S#" + subject)).allSatisfy(item -> assertThat(expiresAt(item))
        .as("TTL keeps what the hold keeps").isGreaterThan(afterHold));

    assertThat(run(LocalDate.parse("2062-05-06")).get("holdsSkipped").asInt()).as("listed again only after the hold")
        .isZero();
    assertThat(run(LocalDate.parse("2062-08-31")).get("subjectsDue").asInt()).isZero();
    JsonNode released = run(LocalDate.parse("2062-09-01"));
    assertThat(released.get("subjectsDue").asInt()).isEqualTo(1);
    assertThat(planned).hasSize(1);
  }

  @Test
  void aHoldEndedEarlyByThePrivacyTeamMakesThePersonDueAtTheNextRun() throws Exception {
    String email = "slappt@example.se";
    String subject = order(email, "2066-01-10T10:00", "F-66-1");
    PlaceHold holds = new PlaceHold(POLICY, keys, retention, clock);
    clock.set(LocalDate.parse("2067-12-01").atTime(10, 0).atZone(POLICY.timezone()).toInstant());
    assertThat(holds.place(EmailAddress.parse(email).orElseThrow(), "Tvist", LocalDate.parse("2069-12-31"),
        "arn:aws:iam::123456789012:user/integritet").outcome()).isEqualTo(PlaceHold.Outcome.PLACED);
    assertThat(run(LocalDate.parse("2068-01-10")).get("subjectsDue").asInt()).as("held: not even listed").isZero();

    // The dispute is settled in March: the team ends the hold with yesterday's date.
    clock.set(LocalDate.parse("2068-03-15").atTime(10, 0).atZone(POLICY.timezone()).toInstant());
    assertThat(holds.place(EmailAddress.parse(email).orElseThrow(), "Tvisten avgjord", LocalDate.parse("2068-03-14"),
        "arn:aws:iam::123456789012:user/integritet").outcome()).isEqualTo(PlaceHold.Outcome.ENDED);
    JsonNode next = run(LocalDate.parse("2068-03-16"));
    assertThat(next.get("subjectsDue").asInt()).isEqualTo(1);
    assertThat(next.get("holdsSkipped").asInt()).isZero();
    assertThat(requests.request(planned.get(0)).orElseThrow().subject()).isEqualTo(subject);
    assertThat(partition("RETENTION#2068-03-15")).extracting(n -> n.get("what").s()).contains("hold-ended");
  }

  @Test
  void invoicesGoWhenTheirBookkeepingPeriodEndsCountedFromTheEndOfTheCalendarYear() throws Exception {
    String subject = order("fakturor@example.se", "2064-12-31T12:00", "F-64-12");
    order("fakturor@example.se", "2065-01-01T12:00", "F-65-01");
    // The 24 months are over and the person is erased; the invoices stay, cut down (bookkeeping law).
    run(LocalDate.parse("2067-01-01"));
    assertThat(planned).hasSize(1);
    new SubjectTableEraser(dynamo, table, POLICY.retention().bookkeeping()).erase(subject, clock.instant());
    assertThat(partition("S#" + subject)).extracting(i -> i.get("sk").s())
        .containsExactlyInAnyOrder("INV#F-64-12", "INV#F-65-01");

    assertThat(run(LocalDate.parse("2071-12-31")).get("invoicesDeleted").asInt()).isZero();
    // Fiscal year 2064 ends on 31 December 2064: kept through the seventh year after it (2071),
    // deletable from 1 January 2072 (2064 + 8). One day later's invoice belongs to 2065: a year more.
    assertThat(run(LocalDate.parse("2072-01-01")).get("invoicesDeleted").asInt()).isEqualTo(1);
    assertThat(partition("S#" + subject)).extracting(i -> i.get("sk").s()).containsExactly("INV#F-65-01");
    assertThat(run(LocalDate.parse("2072-12-31")).get("invoicesDeleted").asInt()).isZero();
    assertThat(run(LocalDate.parse("2073-01-01")).get("invoicesDeleted").asInt()).isEqualTo(1);
    assertThat(partition("S#" + subject)).isEmpty();
  }

  @Test
  void aRunCutOffByTheTimeoutGoesOnFromItsCheckpointAndADryRunChangesNothing() throws Exception {
    for (int i = 0; i < 130; i++) {
      order("manga" + i + "@example.se", "2070-06-01T10:00", "F-70-" + i);
    }
    LocalDate day = LocalDate.parse("2072-06-01");

    JsonNode dry = run(day, true);
    assertThat(dry.get("subjectsDue").asInt()).isEqualTo(130);
    assertThat(dry.get("erasuresEnqueued").asInt()).isEqualTo(130);
    assertThat(planned).as("a dry run acts on nothing").isEmpty();
    assertThat(partition("RETENTION")).as("nor saves a checkpoint").isEmpty();

    // The first invocation has time for one page (100 entries), then stops and fails on purpose.
    clock.set(day.atTime(2, 15).atZone(POLICY.timezone()).toInstant());
    RetentionScan.Report cut = new RetentionScan(POLICY, retention, new SubjectTable(dynamo, table), requests,
        new ErasureQueue() {
          @Override
          public void plan(String requestId) {
            planned.add(requestId);
          }

          @Override
          public void send(List<ErasureTask> tasks) {}
        }, clock).run(day, false, () -> planned.size() < 100);
    assertThat(cut.finished()).isFalse();
    assertThat(planned).hasSize(100);

    JsonNode resumed = run(day);
    assertThat(resumed.get("finished").asBoolean()).isTrue();
    assertThat(resumed.get("erasuresEnqueued").asInt()).as("the other 30, from the checkpoint").isEqualTo(30);
    assertThat(planned).hasSize(130).doesNotHaveDuplicates();
  }

  @Test
  void oldLinksConsentDecisionsAndClosedRequestsGoTheDayAfterTheirKeepPeriodsEnd() throws Exception {
    clock = new MutableClock(Instant.parse("2076-03-01T09:00:00Z"));
    Instant received = clock.instant();
    Instant linkValidUntil = received.plus(Duration.ofDays(7));
    Instant keep = LocalDate.parse("2076-06-01").atStartOfDay(POLICY.timezone()).toInstant();
    PrivacyRequest closed = new PrivacyRequest(SubmitRequest.newId(),
        RequestType.ACCESS, Channel.WEB, RequestStatus.AWAITING_VERIFICATION, "sv",
        EmailAddress.parse("gammal.begaran@example.se").orElseThrow(), "s-closed", received, LocalDate.parse("2076-04-01"),
        Optional.empty(), List.of("form:access"), Optional.empty(), "", keep);
    PrivacyRequest open = new PrivacyRequest(SubmitRequest.newId(),
        RequestType.ACCESS, Channel.WEB, RequestStatus.MANUAL_REVIEW, "sv",
        EmailAddress.parse("oppen.begaran@example.se").orElseThrow(), "s-open", received, LocalDate.parse("2076-04-01"),
        Optional.empty(), List.of("form:access"), Optional.of("unclear"), "", keep);
    String tokenHash = VerificationToken.hash("old-link-" + System.nanoTime());
    requests.create(closed, Optional.of(new RequestStore.TokenRecord(tokenHash,
        closed.id(), linkValidUntil, false)), Optional.empty(), Optional.empty(), List.of(),
        AuditEvent.of(closed.id(), received, "received"));
    requests.transition(closed.id(), RequestStatus.AWAITING_VERIFICATION, RequestStatus.EXPIRED,
        Optional.of("not-verified"), AuditEvent.of(closed.id(), received, "expired"));
    requests.create(open, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        AuditEvent.of(open.id(), received, "received"));
    String visitor = UUID.randomUUID().toString();
    Instant proofEnds = LocalDate.parse("2076-05-10").atStartOfDay(ZoneOffset.UTC).toInstant();
    new ConsentTable(dynamo, table, clock).append(new ConsentRecord(
        visitor, "r-1", received, Map.of("necessary", true, "analytics", false, "marketing", false),
        ConsentMethod.REJECT_ALL, 1, "ab".repeat(32), POLICY.version(), "sv",
        "https://shop.npprod.se/", "203.0.113.0/24", false, proofEnds, null, "ui"),
        new ConsentStore.DailyQuota("2076-03-01", 100, received.plusSeconds(86_400)));

    assertThat(run(LocalDate.parse("2076-03-08")).get("itemsDeleted").asInt()).as("the link is valid through its day").isZero();
    assertThat(partition("TOKEN#" + tokenHash)).hasSize(1);
    assertThat(run(LocalDate.parse("2076-03-09")).get("itemsDeleted").asInt()).isEqualTo(1);
    assertThat(partition("TOKEN#" + tokenHash)).isEmpty();

    assertThat(run(LocalDate.parse("2076-05-10")).get("itemsDeleted").asInt()).isZero();
    assertThat(run(LocalDate.parse("2076-05-11")).get("itemsDeleted").asInt()).as("the consent decision").isEqualTo(1);
    assertThat(partition("V#" + visitor)).noneMatch(i -> i.get("sk").s().startsWith("CONSENT#"));

    assertThat(run(LocalDate.parse("2076-05-31")).get("itemsDeleted").asInt()).isZero();
    JsonNode kept = run(LocalDate.parse("2076-06-02"));
    assertThat(partition("R#" + closed.id())).as("the closed request, its events and its marker").isEmpty();
    assertThat(partition("R#" + open.id())).as("a request still open stays").isNotEmpty();
    assertThat(kept.get("itemsDeleted").asInt()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aDateAfterTodayIsRefusedUnlessTheStackAllowsPretending() {
    clock = new MutableClock(Instant.parse("2030-01-10T01:15:00Z"));
    byte[] future = "{\"date\":\"2032-01-10\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> handler(false).handleRequest(new ByteArrayInputStream(future),
        new ByteArrayOutputStream(), null)).hasMessageContaining("erase people early");
    assertThatThrownBy(() -> handler(false).handleRequest(new ByteArrayInputStream(
        "[1]".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null)).isInstanceOf(IllegalArgumentException.class);
  }
}
