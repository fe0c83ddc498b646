package se.npprod.privacy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.consent.BannerConfig;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.policy.PolicyLoader;

class BundledPolicyTest {
  @Test
  void constructsExactlyThePolicyTheBundledJsonHolds() {
    assertThat(BundledPolicy.policy()).isEqualTo(PolicyLoader.fromClasspath());
  }

  @Test
  void bundlesTheBannersCanonicalJsonAndHashAsBannerConfigMakesThem() {
    Policy policy = BundledPolicy.policy();

    assertThat(BundledPolicy.banner(policy)).isEqualTo(BannerConfig.of(policy.consent().banner()));
  }
}
