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

class PolicyLoaderTest {
  private static final Path POLICY = Path.of(System.getProperty("repo.root", "../.."), "policy", "npprod.yaml");

  private static String shipped() throws IOException {
    return Files.readString(POLICY);
  }

  private static Policy load(String yaml) {
    return PolicyLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  @Test
  void shippedPolicyEncodesTheSeedPromises() {
    Policy policy = PolicyLoader.fromClasspath();

    assertThat(policy.retention().afterLastActivity()).isEqualTo(Period.ofMonths(24));
    assertThat(policy.retention().erasureDeadline()).isEqualTo(Duration.ofHours(24));
    assertThat(policy.retention().bookkeeping().years()).isEqualTo(7);
    assertThat(policy.retention().bookkeeping().fiscalYearEnd()).isEqualTo(MonthDay.of(12, 31));
    assertThat(policy.consent().reconsentAfter()).isEqualTo(Period.ofMonths(12));
    assertThat(policy.consent().banner().categories()).extracting(Policy.CookieCategory::id)
        .containsExactly("necessary", "analytics", "marketing");
    assertThat(policy.consent().banner().texts().get("sv").rejectAll()).isEqualTo("Avvisa alla");
    assertThat(policy.consent().banner().texts().get("en").rejectAll()).isEqualTo("Reject all");
    assertThat(policy.recipients()).extracting(Policy.Recipient::id)
        .contains("authorities", "logistics", "payments", "marketing", "itServices");
  }

  @Test
  void classpathCopyIsTheRepositoryFile() throws IOException {
    try (var in = getClass().getClassLoader().getResourceAsStream(PolicyLoader.CLASSPATH_LOCATION)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(shipped());
    }
  }

  @Test
  void namesAMissingField() throws IOException {
    String broken = shipped().replace("  erasureDeadline: PT24H\n", "");

    assertThatThrownBy(() -> load(broken))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("retention.erasureDeadline: is required");
  }

  @Test
  void namesAnUnknownField() throws IOException {
    String broken = shipped().replace("  reconsentAfter: P12M\n", "  reconsentAfter: P12M\n  reconsentEvery: P6M\n");

    assertThatThrownBy(() -> load(broken))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("consent.reconsentEvery");
  }

  @Test
  void namesAFieldOfTheWrongType() throws IOException {
    String broken = shipped().replace("  afterLastActivity: P24M", "  afterLastActivity: two years");

    assertThatThrownBy(() -> load(broken))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("retention.afterLastActivity");
  }

  @Test
  void refusesMarketingCookiesWithoutConsent() throws IOException {
    String broken = shipped().replace("      - id: marketing\n        required: false", "      - id: marketing\n        required: true");

    assertThatThrownBy(() -> load(broken))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("consent.banner.categories[2].required: must be false for 'marketing'");
  }

  @Test
  void refusesABlankBannerText() throws IOException {
    String broken = shipped().replace("rejectAll: \"Avvisa alla\"", "rejectAll: \"  \"");

    assertThatThrownBy(() -> load(broken))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("consent.banner.texts.sv.rejectAll: must not be blank");
  }

  @Test
  void refusesAnOriginWithAPath() throws IOException {
    String broken = shipped().replace("    - https://npprod.se\n", "    - https://npprod.se/\n");

    assertThatThrownBy(() -> load(broken))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("consent.allowedOrigins[1]");
  }

  @Test
  void refusesAnErasureDeadlineBeyondTheLegalLimit() throws IOException {
    String broken = shipped().replace("erasureDeadline: PT24H", "erasureDeadline: PT2000H");

    assertThatThrownBy(() -> load(broken))
        .hasMessageContaining("retention.erasureDeadline: must not exceed the one-month legal limit");
  }
}
