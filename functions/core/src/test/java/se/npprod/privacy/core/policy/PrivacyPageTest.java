package se.npprod.privacy.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.testing.Policies;

/** The privacy page states every fact of the policy, in Swedish and in English. */
class PrivacyPageTest {
  private static final Policy POLICY = Policies.seed();
  private static final String PAGE = PrivacyPage.of(POLICY);

  /** Every fact of the policy file that a visitor must be able to read, as the page writes it. */
  private static List<String> facts(boolean sv) {
    List<String> facts = new ArrayList<>();
    POLICY.dataCategories().forEach(e -> facts.add(PrivacyPage.esc(sv ? e.name().sv() : e.name().en())));
    POLICY.purposes().forEach(p -> facts.add(PrivacyPage.esc(sv ? p.name().sv() : p.name().en())));
    POLICY.recipients().forEach(r -> facts.add(PrivacyPage.esc(sv ? r.name().sv() : r.name().en())));
    Policy.Retention r = POLICY.retention();
    facts.add(PrivacyPage.months(r.afterLastActivity(), sv));
    facts.add(PrivacyPage.hours(r.erasureDeadline(), sv));
    facts.add(PrivacyPage.months(r.answerDeadline(), sv));
    facts.add(PrivacyPage.months(POLICY.consent().proofRetention(), sv));
    facts.add(PrivacyPage.months(POLICY.consent().reconsentAfter(), sv));
    facts.add(r.bookkeeping().years() + (sv ? ":e året" : "th year"));
    facts.add(PrivacyPage.invoiceFields(r.bookkeeping(), sv ? 0 : 1));
    POLICY.consent().banner().categories().forEach(c -> c.cookies().forEach(k -> {
      facts.add(PrivacyPage.esc(k.name()));
      facts.add(PrivacyPage.esc(k.provider()));
      facts.add(PrivacyPage.esc(k.lifetime()));
    }));
    facts.add(POLICY.controller().contactEmail());
    facts.add(POLICY.controller().orgNumber());
    facts.add("IMY");
    facts.add(sv ? "art. 7.1" : "Art. 7(1)");
    facts.add(sv ? "art. 6.1 c" : "Art. 6(1)(c)");
    return facts;
  }

  private static String section(String lang) {
    int start = PAGE.indexOf("<section lang=\"" + lang + "\">");
    return PAGE.substring(start, PAGE.indexOf("</section>", start));
  }

  @Test
  void statesEveryFactOfThePolicyInSwedish() {
    assertThat(section("sv")).contains(facts(true));
  }

  @Test
  void statesEveryFactOfThePolicyInEnglish() {
    assertThat(section("en")).contains(facts(false));
  }

  @Test
  void statesEachPurposesLegalBasisBesideIt() {
    for (Policy.Purpose p : POLICY.purposes()) {
      assertThat(section("sv")).containsPattern(java.util.regex.Pattern.quote(PrivacyPage.esc(p.name().sv()))
          + ": [^<]*art\\. 6\\.1");
    }
  }

  @Test
  void aChangedFactInThePolicyChangesThePage() {
    Policy longer = new Policy(POLICY.version(), POLICY.controller(), POLICY.timezone(), POLICY.dataCategories(),
        POLICY.purposes(), POLICY.recipients(), POLICY.systems(), new Policy.Retention(java.time.Period.ofMonths(18),
            POLICY.retention().erasureDeadline(), POLICY.retention().answerDeadline(), POLICY.retention().bookkeeping()), POLICY.requests(),
        POLICY.consent());

    assertThat(PrivacyPage.of(longer)).contains("högst 18 månader", "at most 18 months")
        .doesNotContain("högst 24 månader");
  }

  @Test
  void keepsTheCookieSettingsButtonAndTheBanner() {
    assertThat(PAGE).contains("data-cc=\"show-preferencesModal\"", "/banner.js", "/consent-mode.js");
    assertThat(PAGE.indexOf("/consent-mode.js")).as("Consent Mode's default first").isLessThan(PAGE.indexOf("</head>"));
  }
}
