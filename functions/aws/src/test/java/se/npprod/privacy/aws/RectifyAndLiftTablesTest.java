package se.npprod.privacy.aws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.core.erasure.ConnectorResult;
import se.npprod.privacy.core.erasure.Identifiers;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.subject.Activity;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.Profile;
import se.npprod.privacy.core.subject.RecordActivity;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.core.testing.Policies;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table's side of rectification and of a restriction's lift, against dynoxide: the profile's
 * corrected fields and lifted mark, the corrected fields kept with the request, a system told of a
 * lift once, and a lift scheduled once for a completed restriction.
 */
@ExtendWith(EmulatorsExtension.class)
class RectifyAndLiftTablesTest {
  private static final Policy POLICY = Policies.seed();
  private static final ZoneId ZONE = POLICY.timezone();
  private static final SubjectKeys KEYS = new SubjectKeys("l".repeat(32).getBytes(UTF_8));
  private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

  private DynamoDbClient dynamo;
  private String tableName;
  private SubjectTable subjects;
  private RecordActivity recorder;
  private RequestTable requests;
  private ErasureTable plans;

  @BeforeEach
  void connect(LocalCloud cloud) {
    tableName = cloud.physicalName("PrivacyTable");
    dynamo = cloud.emulators().endpoints().dynamoDbClient();
    subjects = new SubjectTable(dynamo, tableName);
    recorder = new RecordActivity(POLICY, KEYS, subjects);
    requests = new RequestTable(dynamo, tableName, ZONE);
    plans = new ErasureTable(dynamo, tableName, ZONE);
  }

  @Test
  void aCorrectionBecomesTheNewestContactDetailsOnceAndAnOlderEventDoesNotUndoIt() {
    EmailAddress email = newAddress();
    String subject = customer(email, Instant.parse("2026-11-20T09:00:00Z"));
    Profile before = subjects.profile(subject).orElseThrow();

    ConnectorResult result = subjects.rectify(subject, Map.of("name", "Anna Berg"), "req-a", NOW);
    support(email, Instant.parse("2026-11-24T09:00:00Z"));
    ConnectorResult again = subjects.rectify(subject, Map.of("name", "Någon annan"), "req-a", NOW.plusSeconds(60));

    assertThat(result.counts()).containsEntry("profiles", 1L);
    assertThat(again.counts()).containsEntry("profiles", 1L);
    Profile after = subjects.profile(subject).orElseThrow();
    assertThat(after.name()).isEqualTo("Anna Berg");
    assertThat(after.phone()).as("not corrected, not touched").isEqualTo("+46701234567");
    assertThat(after.contactUpdatedAt()).isEqualTo(NOW);
    assertThat(after.version()).as("moved by the correction and by the support contact").isEqualTo(before.version() + 2);
    assertThat(after.lastActivityAt()).as("a correction is no activity").isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
    assertThat(subjects.rectify("no-such-subject", Map.of("phone", "+46700000000"), "req-b", NOW).counts())
        .containsEntry("profiles", 0L);
  }

  @Test
  void aLiftedRestrictionLeavesNoMarkButWhenItWasLiftedEvenThroughNewActivity() {
    EmailAddress email = newAddress();
    String subject = customer(email, Instant.parse("2026-11-20T09:00:00Z"));
    subjects.restrict(subject, NOW);

    ConnectorResult lifted = subjects.unrestrict(subject, NOW.plusSeconds(3600));
    support(email, Instant.parse("2026-11-26T09:00:00Z"));

    assertThat(lifted.counts()).containsEntry("profiles", 1L);
    Map<String, AttributeValue> profile = item(Table.subject(subject), Table.PROFILE_SK);
    assertThat(profile).doesNotContainKeys("restricted", "restrictedAt");
    assertThat(profile.get("restrictionLiftedAt").s()).isEqualTo(NOW.plusSeconds(3600).toString());
    assertThat(subjects.unrestrict("no-such-subject", NOW).counts()).containsEntry("profiles", 0L);
  }

  @Test
  void correctedFieldsAreTakenOnlyForAVerifiedRectificationAndGoWithTheRequest() {
    Instant keep = Instant.parse("2029-12-01T00:00:00Z");
    String rectification = request(RequestType.RECTIFICATION, RequestStatus.VERIFIED, keep);
    String restriction = request(RequestType.RESTRICTION, RequestStatus.VERIFIED, keep);
    String planned = request(RequestType.RECTIFICATION, RequestStatus.IN_PROGRESS, keep);
    String expired = request(RequestType.RECTIFICATION, RequestStatus.VERIFIED, Instant.parse("2026-01-01T00:00:00Z"));

    assertThat(plans.correct(rectification, Map.of("name", "Anna Berq"), event(rectification))).isTrue();
    assertThat(plans.correct(rectification, Map.of("name", "Anna Berg", "phone", "+46 70 1"), event(rectification))).isTrue();
    assertThat(plans.correct(restriction, Map.of("name", "X"), event(restriction))).isFalse();
    assertThat(plans.correct(planned, Map.of("name", "X"), event(planned))).isFalse();
    assertThat(plans.correct(expired, Map.of("name", "X"), event(expired))).isTrue();

    assertThat(plans.corrections(rectification)).contains(Map.of("name", "Anna Berg", "phone", "+46 70 1"));
    assertThat(plans.corrections(restriction)).isEmpty();
    assertThat(plans.corrections(planned)).isEmpty();
    assertThat(plans.corrections(expired)).as("past expiresAt, read as gone before DynamoDB deletes it").isEmpty();
    Map<String, AttributeValue> stored = item(Table.request(rectification), "CORRECTION");
    assertThat(stored.get(Table.TTL).n()).isEqualTo(Long.toString(keep.getEpochSecond()));
    assertThat(item(Table.request(rectification), Table.REQUEST_SK)).containsKey("correctedAt");
    assertThat(requests.events(rectification)).filteredOn(e -> e.what().equals("rectification-confirmed")).hasSize(2);
    assertThat(requests.events(restriction)).noneMatch(e -> e.what().equals("rectification-confirmed"));
  }

  @Test
  void aPlansIdentifiersAndTasksGoWhenTheRequestGoes() {
    Instant keep = Instant.parse("2029-12-01T00:00:00Z");
    String id = request(RequestType.ERASURE, RequestStatus.IN_PROGRESS, keep);

    plans.create(id, new Identifiers("s", newAddress(), List.of("K-1"), List.of("+46701234567")), List.of("registry", "crm"),
        AuditEvent.of(id, NOW, "erasure-planned"));

    for (String sk : List.of("PLAN", "TASK#registry", "TASK#crm")) {
      assertThat(item(Table.request(id), sk).get(Table.TTL).n()).as(sk).isEqualTo(Long.toString(keep.getEpochSecond()));
    }
  }

  @Test
  void aSystemToldOfALiftIsNotedOnce() {
    String id = request(RequestType.RESTRICTION, RequestStatus.COMPLETED, Instant.parse("2029-12-01T00:00:00Z"));
    plans.create(id, new Identifiers("s", newAddress(), List.of(), List.of()), List.of("registry", "crm", "newsletter"),
        AuditEvent.of(id, NOW, "restriction-planned"));

    assertThat(plans.markLifted(id, "crm", NOW)).isTrue();
    assertThat(plans.markLifted(id, "crm", NOW.plusSeconds(60))).isFalse();
    assertThat(plans.markLifted(id, "registry", NOW)).isTrue();
    assertThat(plans.markLifted(id, "not-in-the-plan", NOW)).isFalse();

    assertThat(plans.lifted(id)).containsExactlyInAnyOrder("registry", "crm");
    assertThat(item(Table.request(id), "TASK#crm").get("liftedAt").s()).isEqualTo(NOW.toString());
  }

  @Test
  void aLiftIsScheduledOnceOnlyForACompletedRestrictionAndListedOnItsDay() {
    Instant keep = Instant.parse("2029-12-01T00:00:00Z");
    String completed = request(RequestType.RESTRICTION, RequestStatus.COMPLETED, keep);
    String open = request(RequestType.RESTRICTION, RequestStatus.IN_PROGRESS, keep);
    String objection = request(RequestType.OBJECTION, RequestStatus.COMPLETED, keep);
    Instant liftAt = Instant.parse("2026-12-09T10:15:30Z");

    assertThat(requests.scheduleRestrictionLift(completed, lift(completed, liftAt), notified(completed))).isTrue();
    assertThat(requests.scheduleRestrictionLift(completed, lift(completed, liftAt.plusSeconds(86_400)), notified(completed)))
        .isFalse();
    assertThat(requests.scheduleRestrictionLift(open, lift(open, liftAt), notified(open))).isFalse();
    assertThat(requests.scheduleRestrictionLift(objection, lift(objection, liftAt), notified(objection))).isFalse();

    assertThat(requests.restrictionLift(completed)).contains(liftAt);
    assertThat(requests.restrictionLift(open)).isEmpty();
    LocalDate day = liftAt.atZone(ZONE).toLocalDate();
    assertThat(requests.followUpsDue(day, day)).filteredOn(f -> !f.requestId().equals(completed))
        .noneMatch(f -> f.requestId().equals(open) || f.requestId().equals(objection));
    assertThat(requests.followUpsDue(day, day)).contains(lift(completed, liftAt));
    assertThat(item(Table.request(completed), "FOLLOWUP#restriction-lift").get(Table.TTL).n())
        .isEqualTo(Long.toString(keep.getEpochSecond()));
    assertThat(requests.events(completed)).filteredOn(e -> e.what().equals("restriction-lift-notified")).hasSize(1);
  }

  private static RequestStore.FollowUp lift(String id, Instant at) {
    return new RequestStore.FollowUp(id, "restriction-lift", at);
  }

  private static AuditEvent event(String id) {
    return new AuditEvent(id, NOW, "rectification-confirmed", Map.of("by", "team"));
  }

  private static AuditEvent notified(String id) {
    return new AuditEvent(id, NOW, "restriction-lift-notified", Map.of("by", "team"));
  }

  private String request(RequestType type, RequestStatus status, Instant keep) {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    EmailAddress email = newAddress();
    requests.create(new PrivacyRequest(id, type, Channel.WEB, status, "sv", email, KEYS.of(email), NOW,
        LocalDate.of(2026, 12, 25), Optional.of(NOW), List.of("form:" + type.wireName()), Optional.empty(), "", keep),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of(), AuditEvent.of(id, NOW, "received"));
    return id;
  }

  /** A customer with an order; the profile's details as of {@code at}. */
  private String customer(EmailAddress email, Instant at) {
    recorder.record(new Activity.OrderPlaced("e-" + UUID.randomUUID(), "webshop", at,
        new Activity.Contact(email, "Anna Andersson", "+46701234567", "C-2001"), "o-" + UUID.randomUUID(),
        List.of(new Activity.OrderLine("sku-1", "Flytväst", 1, "499.00")), "499.00", "SEK", null, Optional.empty()));
    return KEYS.of(email);
  }

  /** A support contact carrying the old name, as the shop's systems may still send it. */
  private void support(EmailAddress email, Instant at) {
    recorder.record(new Activity.SupportContact("e-" + UUID.randomUUID(), "support", at,
        new Activity.Contact(email, "Anna Andersson", null, null), "case-" + UUID.randomUUID(), "email", "Fråga", "Om leverans"));
  }

  private static EmailAddress newAddress() {
    return EmailAddress.parse("kund-" + UUID.randomUUID() + "@example.se").orElseThrow();
  }

  private Map<String, AttributeValue> item(String pk, String sk) {
    return dynamo.getItem(b -> b.tableName(tableName).key(Items.key(pk, sk)).consistentRead(true)).item();
  }
}
