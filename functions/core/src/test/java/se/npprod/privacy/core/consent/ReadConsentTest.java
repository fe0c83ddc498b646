package se.npprod.privacy.core.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.testing.InMemoryConsentLog;
import se.npprod.privacy.core.testing.MutableClock;
import se.npprod.privacy.core.testing.Policies;

class ReadConsentTest {
  private static final Policy POLICY = Policies.seed();
  private final InMemoryConsentLog log = new InMemoryConsentLog();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:15:30Z"));

  private ConsentRecord decide(String consentId, String method, boolean on) {
    new ArchiveBanner(log).archiveCurrent(POLICY);
    ConsentDecision d = new ConsentDecision(consentId, Map.of("necessary", true, "analytics", on, "marketing", on),
        method, 1, "sv", "https://npprod.se/", null);
    return new RecordConsent(POLICY, "test-ui", log, log, clock).record(d, "127.0.0.1", false, null);
  }

  @Test
  void showsTheLatestDecisionAndTheWholeHistory() {
    ConsentRecord first = decide(null, "accept_all", true);
    clock.advance(Period.ofDays(1));
    ConsentRecord withdrawal = decide(first.consentId(), "withdraw", false);

    ConsentState state = new ReadConsent(POLICY, log, clock).read(first.consentId()).orElseThrow();

    assertThat(state.current()).isEqualTo(withdrawal);
    assertThat(state.history()).containsExactly(first, withdrawal);
    assertThat(state.upToDate()).isTrue();
  }

  @Test
  void asksAgainAfterTheReconsentInterval() {
    ConsentRecord first = decide(null, "reject_all", false);
    ReadConsent read = new ReadConsent(POLICY, log, clock);

    clock.advance(Period.ofMonths(12).minusDays(1));
    assertThat(read.read(first.consentId()).orElseThrow().upToDate()).isTrue();
    clock.advance(Period.ofDays(1));
    assertThat(read.read(first.consentId()).orElseThrow().upToDate()).isFalse();
  }

  @Test
  void asksAgainWhenTheBannerHasANewRevision() {
    ConsentRecord first = decide(null, "accept_all", true);
    Policy revised = Policies.withBanner(POLICY,
        b -> new Policy.Banner(b.revision() + 1, b.defaultLanguage(), b.cookieName(), b.cookieDomain(), b.categories(), b.texts(), b.googleConsentMode()));

    assertThat(new ReadConsent(revised, log, clock).read(first.consentId()).orElseThrow().upToDate()).isFalse();
  }

  @Test
  void knowsNothingOfAVisitorWhoseProofHasExpired() {
    ConsentRecord first = decide(null, "reject_all", false);
    clock.advance(POLICY.consent().proofRetention());

    assertThat(new ReadConsent(POLICY, log, clock).read(first.consentId())).isEmpty();
  }

  @Test
  void showsOnlyTheNewestDecisionsThePolicyAllowsAndCountsThemAll() {
    ConsentRecord first = decide(null, "accept_all", true);
    for (int i = 0; i < 5; i++) {
      clock.advance(Period.ofDays(1));
      decide(first.consentId(), i % 2 == 0 ? "withdraw" : "accept_all", i % 2 != 0);
    }

    ConsentState state = new ReadConsent(Policies.withLimits(POLICY, 3, 100), log, clock)
        .read(first.consentId()).orElseThrow();

    assertThat(state.history()).hasSize(3);
    assertThat(state.totalDecisions()).isEqualTo(6);
    assertThat(state.current()).isEqualTo(state.history().get(2));
  }
}
