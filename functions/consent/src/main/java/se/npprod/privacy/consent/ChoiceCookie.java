package se.npprod.privacy.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;
import se.npprod.privacy.core.consent.ConsentRecord;
import se.npprod.privacy.core.policy.Policy;

/**
 * The visitor's choice as a cookie the consent API's response sets, so that it lasts as long as
 * the policy says. Safari's Intelligent Tracking Prevention caps cookies written by scripts
 * ({@code document.cookie}, which is how the banner library stores the choice) at 7 days, but not
 * cookies set in a response from the site's own server. So the banner's choice would come back
 * every week on Safari; with this cookie the banner restores it instead, without asking or
 * recording again.
 *
 * <p>Value: {@code r<revision>.<consentId>[.<accepted optional category>]...}, for example
 * {@code r1.0f8c….analytics}. Not HttpOnly: the banner reads it. No personal data beyond the
 * pseudonymous id the banner's own cookie already holds.
 */
final class ChoiceCookie {
  static final String NAME = "np_choice";

  private ChoiceCookie() {}

  /**
   * The {@code Set-Cookie} value for a recorded decision.
   *
   * @param host the host the browser addressed (the site's own, when the API is served on it)
   * @param https whether the request came over HTTPS ({@code Secure} then)
   */
  static String of(ConsentRecord record, Policy policy, String host, boolean https, Instant now) {
    String accepted = record.choices().entrySet().stream()
        .filter(c -> c.getValue() && !Policy.NECESSARY.equals(c.getKey()))
        .map(c -> "." + c.getKey())
        .sorted()
        .collect(Collectors.joining());
    long maxAge = Duration.between(now, now.atZone(policy.timezone())
        .plus(policy.consent().reconsentAfter()).toInstant()).toSeconds();
    StringBuilder cookie = new StringBuilder(NAME).append("=r").append(record.bannerRevision())
        .append('.').append(record.consentId()).append(accepted)
        .append("; Path=/; Max-Age=").append(maxAge).append("; SameSite=Lax");
    String family = policy.consent().banner().cookieDomain();
    String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (h.equals(family) || h.endsWith("." + family)) {
      cookie.append("; Domain=").append(family);
    }
    if (https) {
      cookie.append("; Secure");
    }
    return cookie.toString();
  }
}
