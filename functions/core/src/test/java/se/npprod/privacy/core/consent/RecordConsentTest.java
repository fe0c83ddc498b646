package se.npprod.privacy.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.Period;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.testing.InMemoryConsentLog;
import se.npprod.privacy.core.testing.MutableClock;
import se.npprod.privacy.core.testing.Policies;

class RecordConsentTest {
  private static final Policy POLICY = Policies.seed();
  private static final String PAGE = "https://shop.npprod.se/produkter?email=anna@example.se#top";

  private final InMemoryConsentLog log = new InMemoryConsentLog();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:15:30Z"));
  private RecordConsent recordConsent;
  private BannerConfig banner;

  @BeforeEach
  void archiveBanner() {
    banner = new ArchiveBanner(log).archiveCurrent(POLICY);
    recordConsent = new RecordConsent(POLICY, "test-ui", log, log, clock);
  }

  private static ConsentDecision decision(String consentId, String method, boolean analytics, boolean marketing) {
    return new ConsentDecision(consentId,
        Map.of("necessary", true, "analytics", analytics, "marketing", marketing),
        method, 1, "sv", PAGE, null);
  }

  @Test
  void recordsARejectionAsProof() {
    ConsentRecord record = recordConsent.record(decision(null, "reject_all", false, false), "203.0.113.77", false, null);

    assertThat(log.records).containsExactly(record);
    assertThat(record.choices()).containsEntry("analytics", false).containsEntry("marketing", false)
        .containsEntry("necessary", true);
    assertThat(record.method()).isEqualTo(ConsentMethod.REJECT_ALL);
    assertThat(record.bannerRevision()).isEqualTo(1);
    assertThat(record.bannerSha256()).isEqualTo(banner.sha256()).hasSize(64);
    assertThat(record.policyVersion()).isEqualTo(POLICY.version());
    assertThat(record.ipPrefix()).isEqualTo("203.0.113.0/24");
    assertThat(record.recordedAt()).isEqualTo(clock.instant());
    assertThat(record.consentId()).isNotBlank().isNotEqualTo(record.recordId());
  }

  @Test
  void keepsOnlyOriginAndPathOfThePage() {
    ConsentRecord record = recordConsent.record(decision(null, "reject_all", false, false), "203.0.113.77", false, null);

    assertThat(record.pageUrl()).isEqualTo("https://shop.npprod.se/produkter");
  }

  @Test
  void expiresProofAfterTheRetentionPeriodOfThePolicy() {
    ConsentRecord record = recordConsent.record(decision(null, "accept_all", true, true), "203.0.113.77", false, null);

    assertThat(record.expiresAt()).isEqualTo(Instant.parse("2029-11-25T10:15:30Z"));
  }

  @Test
  void appendsLaterDecisionsToTheSameVisitor() {
    ConsentRecord first = recordConsent.record(decision(null, "reject_all", false, false), "203.0.113.77", false, null);
    clock.advance(Period.ofDays(3));

    ConsentRecord second = recordConsent.record(decision(first.consentId(), "custom", true, false), "203.0.113.77", false, null);

    assertThat(second.consentId()).isEqualTo(first.consentId());
    assertThat(second.recordId()).isNotEqualTo(first.recordId());
    assertThat(log.history(first.consentId(), clock.instant())).containsExactly(first, second);
  }

  @Test
  void issuesAFreshIdForAVisitorItNeverSaw() {
    String unknown = "0b0c9a4e-1111-4222-8333-444455556666";

    ConsentRecord record = recordConsent.record(decision(unknown, "reject_all", false, false), "203.0.113.77", false, null);

    assertThat(record.consentId()).isNotEqualTo(unknown);
  }

  @Test
  void refusesAnUnknownCategoryAndWritesNothing() {
    Map<String, Boolean> choices = Map.of("necessary", true, "analytics", false, "marketing", false, "tracking", true);
    ConsentDecision bad = new ConsentDecision(null, choices, "custom", 1, "sv", PAGE, null);

    assertThatThrownBy(() -> recordConsent.record(bad, "203.0.113.77", false, null))
        .isInstanceOfSatisfying(InvalidInput.class, e -> {
          assertThat(e.errors()).extracting(InvalidInput.FieldError::field).containsExactly("choices.tracking");
        });
    assertThat(log.records).isEmpty();
  }

  @Test
  void refusesADecisionWithoutNecessaryTrue() {
    Map<String, Boolean> choices = Map.of("necessary", false, "analytics", false, "marketing", false);
    ConsentDecision bad = new ConsentDecision(null, choices, "reject_all", 1, "sv", PAGE, null);

    assertThatThrownBy(() -> recordConsent.record(bad, "203.0.113.77", false, null))
        .isInstanceOfSatisfying(InvalidInput.class, e ->
            assertThat(e.errors()).extracting(InvalidInput.FieldError::field).containsExactly("choices.necessary"));
    assertThat(log.records).isEmpty();
  }

  @Test
  void refusesAMissingCategory() {
    ConsentDecision bad = new ConsentDecision(null, Map.of("necessary", true, "analytics", false), "custom", 1, "sv", PAGE, null);

    assertThatThrownBy(() -> recordConsent.record(bad, "203.0.113.77", false, null))
        .isInstanceOfSatisfying(InvalidInput.class, e ->
            assertThat(e.errors()).extracting(InvalidInput.FieldError::field).containsExactly("choices.marketing"));
  }

  @Test
  void refusesAnUnknownBannerRevision() {
    ConsentDecision bad = new ConsentDecision(null, Map.of("necessary", true, "analytics", false, "marketing", false),
        "reject_all", 99, "sv", PAGE, null);

    assertThatThrownBy(() -> recordConsent.record(bad, "203.0.113.77", false, null))
        .isInstanceOfSatisfying(InvalidInput.class, e ->
            assertThat(e.errors()).extracting(InvalidInput.FieldError::field).contains("bannerRevision"));
    assertThat(log.records).isEmpty();
  }

  @Test
  void refusesAMethodThatContradictsTheChoices() {
    assertThatThrownBy(() -> recordConsent.record(decision(null, "accept_all", true, false), "203.0.113.77", false, null))
        .isInstanceOfSatisfying(InvalidInput.class, e ->
            assertThat(e.errors()).extracting(InvalidInput.FieldError::message)
                .containsExactly("accept_all must accept every category"));
    assertThatThrownBy(() -> recordConsent.record(decision(null, "gpc", true, true), "203.0.113.77", true, null))
        .isInstanceOf(InvalidInput.class);
    assertThat(log.records).isEmpty();
  }

  @Test
  void recordsTheGpcSignalAsItsOwnMethod() {
    ConsentRecord record = recordConsent.record(decision(null, "gpc", true, false), "2001:db8:abcd:12::1", true, null);

    assertThat(record.method()).isEqualTo(ConsentMethod.GPC);
    assertThat(record.gpc()).isTrue();
    assertThat(record.ipPrefix()).isEqualTo("2001:db8:abcd::/48");
  }

  @Test
  void reportsEveryBadFieldAtOnce() {
    Map<String, Boolean> choices = new HashMap<>(Map.of("necessary", true, "analytics", false, "marketing", false));
    ConsentDecision bad = new ConsentDecision("not-an-id", choices, "maybe", 1, "de", "javascript:alert(1)", null);

    assertThatThrownBy(() -> recordConsent.record(bad, "203.0.113.77", false, null))
        .isInstanceOfSatisfying(InvalidInput.class, e ->
            assertThat(e.errors()).extracting(InvalidInput.FieldError::field)
                .containsExactlyInAnyOrder("method", "language", "pageUrl", "consentId"));
  }

  @Test
  void refusesAPageOfASiteThePolicyDoesNotServeAndWritesNothing() {
    ConsentDecision elsewhere = new ConsentDecision(null, Map.of("necessary", true, "analytics", false,
        "marketing", false), "reject_all", 1, "sv", "https://evil.example/npprod-lookalike", null);

    assertThatThrownBy(() -> recordConsent.record(elsewhere, "203.0.113.77", false, "https://api.npprod.se"))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
            .extracting(InvalidInput.FieldError::field).containsExactly("pageUrl"));
    assertThat(log.records).isEmpty();
  }

  @Test
  void acceptsAPageOnTheApisOwnOriginWithItsDefaultPortLeftOut() {
    ConsentDecision local = new ConsentDecision(null, Map.of("necessary", true, "analytics", false,
        "marketing", false), "reject_all", 1, "sv", "HTTP://LocalHost:80/kassa", null);

    ConsentRecord record = recordConsent.record(local, "127.0.0.1", false, "http://localhost");

    assertThat(record.pageUrl()).isEqualTo("http://localhost/kassa");
  }

  @Test
  void refusesADecisionBeyondThePolicysDailyLimitAndTakesItAgainTheNextDay() {
    RecordConsent limited = new RecordConsent(Policies.withLimits(POLICY, 20, 2), "test-ui", log, log, clock);
    ConsentRecord first = limited.record(decision(null, "reject_all", false, false), "203.0.113.77", false, null);
    limited.record(decision(first.consentId(), "accept_all", true, true), "203.0.113.77", false, null);

    assertThatThrownBy(() -> limited.record(decision(first.consentId(), "withdraw", false, false), "203.0.113.77",
        false, null)).isInstanceOf(DailyLimitReached.class);
    assertThat(log.records).hasSize(2);

    clock.advance(Period.ofDays(1));
    limited.record(decision(first.consentId(), "withdraw", false, false), "203.0.113.77", false, null);
    assertThat(log.records).hasSize(3);
  }

  @Test
  void keepsTheBrowsersTimeOfALateDecisionBesideItsOwnNeverInsteadOfIt() {
    Instant madeOffline = clock.instant().minus(java.time.Duration.ofDays(2));
    ConsentDecision late = new ConsentDecision(null, Map.of("necessary", true, "analytics", false, "marketing", false),
        "reject_all", 1, "sv", PAGE, madeOffline.toString());

    ConsentRecord record = recordConsent.record(late, "203.0.113.77", false, null);

    assertThat(record.decidedAt()).isEqualTo(madeOffline);
    assertThat(record.recordedAt()).isEqualTo(clock.instant());
  }

  @Test
  void refusesADecisionTimeInTheFutureOrNotATime() {
    for (String when : new String[] {clock.instant().plus(java.time.Duration.ofHours(1)).toString(), "yesterday"}) {
      ConsentDecision bad = new ConsentDecision(null, Map.of("necessary", true, "analytics", false, "marketing", false),
          "reject_all", 1, "sv", PAGE, when);

      assertThatThrownBy(() -> recordConsent.record(bad, "203.0.113.77", false, null))
          .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
              .extracting(InvalidInput.FieldError::field).containsExactly("decidedAt"));
    }
    assertThat(log.records).isEmpty();
  }
}
