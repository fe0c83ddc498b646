package se.npprod.privacy.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.testing.InMemoryConsentLog;
import se.npprod.privacy.core.testing.Policies;

class ArchiveBannerTest {
  private static final Policy POLICY = Policies.seed();

  @Test
  void archivesTheCurrentRevisionOnceWithItsHash() {
    InMemoryConsentLog log = new InMemoryConsentLog();

    BannerConfig first = new ArchiveBanner(log).archiveCurrent(POLICY);
    BannerConfig again = new ArchiveBanner(log).archiveCurrent(POLICY);

    assertThat(again).isEqualTo(first);
    assertThat(BannerConfig.fromArchive(first.canonicalJson(), first.sha256()).banner())
        .isEqualTo(POLICY.consent().banner());
  }

  @Test
  void refusesABannerThatChangedWithoutANewRevision() {
    InMemoryConsentLog log = new InMemoryConsentLog();
    new ArchiveBanner(log).archiveCurrent(POLICY);
    Policy changed = Policies.withBanner(POLICY,
        b -> new Policy.Banner(b.revision(), "en", b.cookieName(), b.cookieDomain(), b.categories(), b.texts(), b.googleConsentMode()));

    assertThatThrownBy(() -> new ArchiveBanner(log).archiveCurrent(changed))
        .hasMessageContaining("raise consent.banner.revision");
  }

  @Test
  void hashIsStableAndCoversEveryText() {
    BannerConfig config = BannerConfig.of(POLICY.consent().banner());

    assertThat(BannerConfig.of(POLICY.consent().banner()).sha256()).isEqualTo(config.sha256());
    assertThat(config.canonicalJson()).contains("Avvisa alla", "Reject all", "_npa");
  }
}
