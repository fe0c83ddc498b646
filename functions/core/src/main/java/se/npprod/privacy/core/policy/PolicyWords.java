package se.npprod.privacy.core.policy;

import java.time.Duration;
import java.time.Period;
import java.util.Map;

/**
 * The fixed words around the policy's facts, in Swedish and English, shared by everything that
 * tells a person about the processing (the privacy page, the register extract), so both say the
 * same thing in the same words.
 */
public final class PolicyWords {
  private static final Map<Policy.LegalBasis, String[]> BASIS = Map.of(
      Policy.LegalBasis.contract, new String[] {"avtal (art. 6.1 b GDPR)", "contract (Art. 6(1)(b) GDPR)"},
      Policy.LegalBasis.legitimateInterest,
      new String[] {"berättigat intresse (art. 6.1 f GDPR)", "legitimate interest (Art. 6(1)(f) GDPR)"},
      Policy.LegalBasis.legalObligation,
      new String[] {"rättslig förpliktelse (art. 6.1 c GDPR)", "legal obligation (Art. 6(1)(c) GDPR)"},
      Policy.LegalBasis.consent, new String[] {"samtycke (art. 6.1 a GDPR)", "consent (Art. 6(1)(a) GDPR)"});

  private static final Map<Policy.RecipientRole, String[]> ROLE = Map.of(
      Policy.RecipientRole.processor, new String[] {"personuppgiftsbiträde", "processor"},
      Policy.RecipientRole.independentController,
      new String[] {"självständigt personuppgiftsansvarig", "independent controller"});

  private PolicyWords() {}

  public static String basis(Policy.LegalBasis basis, boolean sv) {
    return BASIS.get(basis)[sv ? 0 : 1];
  }

  public static String role(Policy.RecipientRole role, boolean sv) {
    return ROLE.get(role)[sv ? 0 : 1];
  }

  public static String months(Period period, boolean sv) {
    long n = period.toTotalMonths();
    if (n == 1) {
      return sv ? "en månad" : "one month";
    }
    return n + (sv ? " månader" : " months");
  }

  public static String hours(Duration duration, boolean sv) {
    return duration.toHours() + (sv ? " timmar" : " hours");
  }
}
