package se.npprod.privacy.core.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.consent.InvalidInput;
import se.npprod.privacy.core.testing.InMemoryProfiles;
import se.npprod.privacy.core.testing.Policies;

/** A contact imported to a marketing list: its contract, and the tombstone as a suppression marker. */
class MarketingImportTest {
  private static final SubjectKeys KEYS = new SubjectKeys("m".repeat(32).getBytes(StandardCharsets.UTF_8));
  private static final EmailAddress ANNA = EmailAddress.parse("anna@example.se").orElseThrow();

  private final InMemoryProfiles registry = new InMemoryProfiles();
  private final RecordActivity record = new RecordActivity(Policies.seed(), KEYS, registry);

  @Test
  void anImportIsReadWithItsListAndConsent() {
    Activity a = ActivityEvents.read("npprod.newsletter", ActivityEvents.MARKETING_CONTACT_IMPORTED, "e1", detail());

    assertThat(a).isInstanceOfSatisfying(Activity.MarketingContactImported.class, m -> {
      assertThat(m.system()).isEqualTo("newsletter");
      assertThat(m.list()).isEqualTo("elmia-2026");
      assertThat(m.consent()).isTrue();
      assertThat(m.consentedAt()).contains(Instant.parse("2026-11-19T14:20:00Z"));
      assertThat(m.occurredAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
      assertThat(m.contact().name()).isEqualTo("Anna Andersson");
      assertThat(m.movesRetentionClock()).isFalse();
      assertThat(m.byThePerson()).isFalse();
    });
  }

  @Test
  void anImportWithoutConsentHasNoConsentTime() {
    Map<String, Object> detail = detail();
    detail.put("consent", false);
    detail.remove("consentedAt");

    Activity a = ActivityEvents.read("npprod.marketing", ActivityEvents.MARKETING_CONTACT_IMPORTED, "e1", detail);

    assertThat(((Activity.MarketingContactImported) a).consent()).isFalse();
    assertThat(((Activity.MarketingContactImported) a).consentedAt()).isEmpty();
  }

  @Test
  void aBadImportIsRefusedWholeNamingEveryFieldNeverItsValue() {
    Map<String, Object> noConsent = detail();
    noConsent.remove("consent");
    noConsent.put("list", "not a list id");
    noConsent.put("customer", Map.of("email", "secret-person@@example.se"));
    Map<String, Object> consentWithoutTime = detail();
    consentWithoutTime.remove("consentedAt");
    Map<String, Object> timeWithoutConsent = detail();
    timeWithoutConsent.put("consent", false);
    timeWithoutConsent.remove("importedAt");

    assertThat(fields(noConsent)).containsExactlyInAnyOrder("list", "consent", "customer.email");
    assertThat(fields(consentWithoutTime)).containsExactly("consentedAt");
    assertThat(fields(timeWithoutConsent)).containsExactlyInAnyOrder("importedAt", "consentedAt");
    assertThatThrownBy(() -> read(noConsent)).isInstanceOfSatisfying(InvalidInput.class,
        e -> assertThat(e.errors().toString()).doesNotContain("secret-person").doesNotContain("not a list id"));
    assertThatThrownBy(() -> ActivityEvents.read("npprod.newsletter", "Marketing Contact Bought", "e1", detail()))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().get(0).message())
            .contains(ActivityEvents.MARKETING_CONTACT_IMPORTED));
  }

  @Test
  void anImportForAPersonNotSeenBeforeStartsTheTwentyFourMonths() {
    RecordActivity.Result result = record.record(imported("2026-11-24T08:00:00Z"));

    assertThat(result.status()).isEqualTo(RecordActivity.Status.RECORDED);
    Profile p = registry.profile(result.subject()).orElseThrow();
    assertThat(p.deadline()).isEqualTo(LocalDate.of(2028, 11, 24));
    assertThat(p.systems()).containsExactly("newsletter");
  }

  @Test
  void anImportDoesNotMoveTheClockAnOrderStarted() {
    String subject = record.record(order("2026-03-01T10:00:00Z")).subject();

    record.record(imported("2027-06-01T10:00:00Z"));

    Profile p = registry.profile(subject).orElseThrow();
    assertThat(p.lastActivityAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(p.deadline()).isEqualTo(LocalDate.of(2028, 3, 1));
    assertThat(p.systems()).containsExactlyInAnyOrder("webshop", "newsletter");
  }

  @Test
  void anImportForAnErasedPersonIsSuppressedAndWritesNothing() {
    registry.tombstones.add(KEYS.of(ANNA));

    RecordActivity.Result result = record.record(imported("2027-01-10T10:00:00Z"));

    assertThat(result.status()).isEqualTo(RecordActivity.Status.SUPPRESSED);
    assertThat(registry.profiles).isEmpty();
    assertThat(registry.activities).isEmpty();
  }

  @Test
  void anImportIsRecordedWhenOnlySomebodyElseWasErased() {
    registry.tombstones.add(KEYS.of(EmailAddress.parse("someone.else@example.se").orElseThrow()));

    assertThat(record.record(imported("2027-01-10T10:00:00Z")).status()).isEqualTo(RecordActivity.Status.RECORDED);
    assertThat(registry.activities).hasSize(1);
  }

  @Test
  void anErasedPersonsOwnOrderSupportContactAndAccountAreRecordedAsANewRelationship() {
    registry.tombstones.add(KEYS.of(ANNA));

    RecordActivity.Result order = record.record(order("2027-01-10T10:00:00Z"));
    RecordActivity.Result support = record.record(new Activity.SupportContact("s1", "support",
        Instant.parse("2027-01-11T10:00:00Z"), contact(), "c1", "email", null, null));
    RecordActivity.Result account = record.record(new Activity.AccountChanged("a1", "webshop",
        Instant.parse("2027-01-12T10:00:00Z"), contact(), "A-1", true, Optional.of(false)));

    assertThat(List.of(order.status(), support.status(), account.status())).containsOnly(RecordActivity.Status.RECORDED);
    assertThat(registry.activities).hasSize(3);
    assertThat(registry.profile(order.subject()).orElseThrow().deadline()).isEqualTo(LocalDate.of(2029, 1, 11));
  }

  private static Map<String, Object> detail() {
    Map<String, Object> d = new HashMap<>();
    d.put("list", "elmia-2026");
    d.put("importedAt", "2026-11-24T08:00:00Z");
    d.put("customer", Map.of("email", "Anna@Example.se", "name", "Anna Andersson", "phone", "+46 70 123 45 67"));
    d.put("consent", true);
    d.put("consentedAt", "2026-11-19T14:20:00Z");
    return d;
  }

  private static Activity read(Map<String, Object> detail) {
    return ActivityEvents.read("npprod.newsletter", ActivityEvents.MARKETING_CONTACT_IMPORTED, "e1", detail);
  }

  private static List<String> fields(Map<String, Object> detail) {
    try {
      read(detail);
      return List.of();
    } catch (InvalidInput e) {
      return e.errors().stream().map(InvalidInput.FieldError::field).toList();
    }
  }

  private static Activity.Contact contact() {
    return new Activity.Contact(ANNA, "Anna", null, null);
  }

  private static Activity imported(String at) {
    return new Activity.MarketingContactImported("m-" + at, "newsletter", Instant.parse(at), contact(), "elmia-2026",
        Optional.of(Instant.parse(at).minusSeconds(86_400)));
  }

  private static Activity order(String at) {
    return new Activity.OrderPlaced("o-" + at, "webshop", Instant.parse(at), contact(), "o1",
        List.of(new Activity.OrderLine("sku", "name", 1, "1.00")), "1.00", "SEK", null, Optional.empty());
  }
}
