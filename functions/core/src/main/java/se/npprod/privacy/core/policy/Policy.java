package se.npprod.privacy.core.policy;

import java.time.Duration;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** NP Produkter's privacy policy as data, read from {@code policy/npprod.yaml}. */
public record Policy(
    String version,
    Controller controller,
    ZoneId timezone,
    List<Entry> dataCategories,
    List<Purpose> purposes,
    List<Recipient> recipients,
    List<DataSystem> systems,
    Retention retention,
    Requests requests,
    ConsentPolicy consent) {

  /** A text in Swedish and English; Swedish is the language of record. */
  public record Text(String sv, String en) {}

  public record Controller(String name, String orgNumber, String contactEmail, String policyUrl) {}

  public record Entry(String id, Text name) {}

  public enum LegalBasis { contract, legitimateInterest, legalObligation, consent }

  public record Purpose(String id, LegalBasis legalBasis, Text name) {}

  public enum RecipientRole { processor, independentController }

  public record Recipient(String id, RecipientRole role, Text name) {}

  /** How the register extract gathers a system's data. */
  public enum Export { table, http, none }

  /** How an erasure reaches a system's data. */
  public enum Erasure { table, http, email, none }

  /**
   * One system of the data map: who runs it ({@code recipient}: a recipient's id, or
   * {@code controller} for our own), how its data is exported and how it is erased, and whether
   * its erasures are paused (an emergency: tasks wait, they do not fail).
   */
  public record DataSystem(String id, Text name, String recipient, Export export, Erasure erasure, Boolean paused) {}

  public record Retention(
      Period afterLastActivity, Duration erasureDeadline, Period answerDeadline, Bookkeeping bookkeeping) {}

  public record Bookkeeping(Integer years, MonthDay fiscalYearEnd, List<String> fields) {}

  /**
   * Rights requests: how identity is checked (a link to the address, valid {@code
   * verificationValidFor}), when to remind, when a processor asked by mail is reminded and when the
   * privacy team is told it has not confirmed (each: how long before the erasure's target), how long
   * an extract's download link lasts, how long request records are kept, how long after telling the
   * person a restriction is lifted ({@code restrictionLiftNotice}, Art. 18(3)), and what one caller
   * can cost.
   */
  public record Requests(Period verificationValidFor, Duration reminderAfter, Duration processorReminderBefore,
      Duration processorEscalationBefore, Period extractLinkValidFor, Period keepClosedFor, Period keepUnverifiedFor,
      Period restrictionLiftNotice, RequestLimits limits) {}

  /** Mails sent to one address a day; form posts from one client network an hour. */
  public record RequestLimits(Integer mailsPerAddressPerDay, Integer formPostsPerNetworkPerHour) {}

  public record ConsentPolicy(
      Period reconsentAfter, Period proofRetention, List<String> allowedOrigins, Limits limits, Banner banner) {}

  /**
   * What one visitor id can cost the public API: a read shows at most {@code historyShown} decisions
   * (newest first, from one bounded query), and an id takes at most {@code decisionsPerDay}
   * decisions a calendar day.
   */
  public record Limits(Integer historyShown, Integer decisionsPerDay) {}

  /** Everything the cookie banner shows. Its canonical JSON is what a consent record's hash covers. */
  public record Banner(
      Integer revision,
      String defaultLanguage,
      String cookieName,
      String cookieDomain,
      List<CookieCategory> categories,
      Map<String, BannerTexts> texts,
      Map<String, List<String>> googleConsentMode) {}

  /** Google Consent Mode v2's signals: the banner denies them all by default, and grants by category. */
  public static final List<String> CONSENT_MODE_SIGNALS =
      List.of("ad_storage", "ad_user_data", "ad_personalization", "analytics_storage");
  /** Consent Mode's other types, which a category may grant too. */
  public static final List<String> CONSENT_MODE_TYPES = List.of("ad_storage", "ad_user_data", "ad_personalization",
      "analytics_storage", "functionality_storage", "personalization_storage", "security_storage");

  public record CookieCategory(String id, Boolean required, List<Cookie> cookies) {}

  public record Cookie(String name, String provider, String lifetime) {}

  public record BannerTexts(
      String title,
      String description,
      String categoriesLine,
      String acceptAll,
      String rejectAll,
      String showPreferences,
      String save,
      String preferencesTitle,
      String close,
      String gpcNotice,
      String moreInfo,
      Map<String, String> cookieTableHeaders,
      Map<String, String> categoryTitles,
      Map<String, String> categoryDescriptions) {}

  /** The cookie categories every banner must offer, in the order shown. */
  public static final List<String> COOKIE_CATEGORIES = List.of("necessary", "analytics", "marketing");

  public static final String NECESSARY = "necessary";
}
