package se.npprod.privacy.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.MonthDay;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyLoaderTest {
  private static final Path POLICY = Path.of(System.getProperty("repo.root", "../.."), "policy", "npprod.yaml");

  private static String shipped() throws IOException {
    return Files.readString(POLICY);
  }

  private static Policy load(String yaml) {
    return PolicyLoader.fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  @Test
  void shippedPolicyEncodesTheSeedPromises() {
    Policy policy = PolicyLoader.fromClasspath();

    assertThat(policy.retention().afterLastActivity()).isEqualTo(Period.ofMonths(24));
    assertThat(policy.retention().erasureDeadline()).isEqualTo(Duration.ofHours(24));
    assertThat(policy.requests().processorReminderBefore()).isEqualTo(Duration.ofHours(12));
    assertThat(policy.requests().processorEscalationBefore()).isEqualTo(Duration.ofHours(4));
    assertThat(policy.retention().bookkeeping().years()).isEqualTo(7);
    assertThat(policy.retention().bookkeeping().fiscalYearEnd()).isEqualTo(MonthDay.of(12, 31));
    assertThat(policy.consent().reconsentAfter()).isEqualTo(Period.ofMonths(12));
    assertThat(policy.requests().restrictionLiftNotice()).isEqualTo(Period.ofDays(14));
    assertThat(policy.consent().banner().categories()).extracting(Policy.CookieCategory::id)
        .containsExactly("necessary", "analytics", "marketing");
    assertThat(policy.consent().banner().texts().get("sv").rejectAll()).isEqualTo("Avvisa alla");
    assertThat(policy.consent().banner().texts().get("en").rejectAll()).isEqualTo("Reject all");
    assertThat(policy.recipients()).extracting(Policy.Recipient::id)
        .contains("authorities", "logistics", "payments", "marketing", "itServices");
  }

  @Test
  void bundledJsonIsTheRepositoryFile() throws IOException {
    assertThat(PolicyLoader.fromClasspath()).isEqualTo(load(shipped()));
  }

  /** Each case breaks the shipped file in one way: what, text to replace, replacement, expected message. */
  static Stream<Arguments> brokenPolicies() {
    return Stream.of(
        Arguments.of("missing field", "  erasureDeadline: PT24H\n", "", "retention.erasureDeadline: is required"),
        Arguments.of("unknown field", "  reconsentAfter: P12M\n", "  reconsentAfter: P12M\n  reconsentEvery: P6M\n",
            "consent.reconsentEvery"),
        Arguments.of("wrong type", "afterLastActivity: P24M", "afterLastActivity: two years",
            "retention.afterLastActivity"),
        Arguments.of("marketing without consent", "id: marketing\n        required: false",
            "id: marketing\n        required: true",
            "consent.banner.categories[2].required: must be false for 'marketing'"),
        Arguments.of("blank banner text", "rejectAll: \"Avvisa alla\"", "rejectAll: \"  \"",
            "consent.banner.texts.sv.rejectAll: must not be blank"),
        Arguments.of("misspelt Consent Mode signal", "[ad_storage, ad_user_data, ad_personalization]",
            "[ad_storage, ad_user_data, ad_personalisation]",
            "consent.banner.googleConsentMode.marketing: 'ad_personalisation' is not a Consent Mode type"),
        Arguments.of("Consent Mode signal nobody grants", "      analytics: [analytics_storage]\n", "",
            "no category grants 'analytics_storage'"),
        Arguments.of("a site outside the cookie domain", "    - https://shop.npprod.se\n",
            "    - https://shop.npprod.com\n", "'shop.npprod.com' is not on consent.banner.cookieDomain 'npprod.se'"),
        Arguments.of("origin with a path", "    - https://npprod.se\n", "    - https://npprod.se/\n",
            "consent.allowedOrigins[0]"),
        Arguments.of("a restriction lifted without notice", "restrictionLiftNotice: P14D", "restrictionLiftNotice: P0D",
            "requests.restrictionLiftNotice: must be a positive period"),
        Arguments.of("erasure beyond a month", "erasureDeadline: PT24H", "erasureDeadline: PT2000H",
            "retention.erasureDeadline: must not exceed the one-month legal limit"),
        Arguments.of("processor escalated before it is reminded", "processorReminderBefore: PT12H",
            "processorReminderBefore: PT3H", "requests.processorReminderBefore: must be longer than"
                + " requests.processorEscalationBefore"),
        Arguments.of("processor reminded before it was asked", "processorReminderBefore: PT12H",
            "processorReminderBefore: PT24H", "requests.processorReminderBefore: must be shorter than"
                + " retention.erasureDeadline"),
        Arguments.of("processor escalation never", "processorEscalationBefore: PT4H", "processorEscalationBefore: PT0S",
            "requests.processorEscalationBefore: must be a positive duration"),
        Arguments.of("no English texts", "      en:\n        title:", "      de:\n        title:",
            "consent.banner.texts.en: is required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenPolicies")
  void namesTheBadField(String what, String from, String to, String expected) throws IOException {
    String original = shipped();
    String broken = original.replace(from, to);
    assertThat(broken).as("the case must actually change the file").isNotEqualTo(original);

    assertThatThrownBy(() -> load(broken))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining(expected);
  }
}
