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

  @Test
  void bundlesTheConsentInterfaceAsServedWithItsLibraryPinnedAndAVersionOverAllOfIt() throws Exception {
    java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("repo.root", "../.."));
    String bannerJs = java.nio.file.Files.readString(root.resolve("web/banner.js"));
    String consentModeJs = java.nio.file.Files.readString(root.resolve("web/consent-mode.js"));

    assertThat(BundledInterface.BANNER_JS).isEqualTo(bannerJs);
    assertThat(BundledInterface.CONSENT_MODE_JS).isEqualTo(consentModeJs);
    assertThat(BundledInterface.LIBRARY).matches("vanilla-cookieconsent@3\\.1\\.0 sha512-\\S+");
    assertThat(BundledInterface.BANNER_SHA256).isEqualTo(BundledPolicy.banner(BundledPolicy.policy()).sha256());
    String again = sha256("banner.js\n" + bannerJs + "\nconsent-mode.js\n" + consentModeJs + "\nlibrary\n"
        + BundledInterface.LIBRARY + "\nbanner\n" + BundledInterface.BANNER_SHA256);
    assertThat(BundledInterface.UI_VERSION).as("over every part of the interface").isEqualTo(again);
    String edited = sha256("banner.js\n" + bannerJs + " " + "\nconsent-mode.js\n" + consentModeJs + "\nlibrary\n"
        + BundledInterface.LIBRARY + "\nbanner\n" + BundledInterface.BANNER_SHA256);
    assertThat(edited).as("a changed script is another interface").isNotEqualTo(BundledInterface.UI_VERSION);
  }

  private static String sha256(String text) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
