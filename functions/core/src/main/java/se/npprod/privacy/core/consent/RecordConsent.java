package se.npprod.privacy.core.consent;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import se.npprod.privacy.core.consent.InvalidInput.FieldError;
import se.npprod.privacy.core.policy.Policy;

/** Checks a consent decision against the banner the visitor saw and appends it as proof. */
public final class RecordConsent {
  private static final Pattern UUID_SHAPE =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final int MAX_URL_LENGTH = 2048;
  private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

  private final Policy policy;
  /** The consent interface this function serves: each record names it. */
  private final String uiVersion;
  private final ConsentStore store;
  private final BannerArchive archive;
  private final Clock clock;
  private final Supplier<String> ids;

  /** @param archive read for every decision: give it a {@link CachedBannerArchive} */
  public RecordConsent(Policy policy, String uiVersion, ConsentStore store, BannerArchive archive, Clock clock) {
    this(policy, uiVersion, store, archive, clock, () -> UUID.randomUUID().toString());
  }

  RecordConsent(Policy policy, String uiVersion, ConsentStore store, BannerArchive archive, Clock clock,
      Supplier<String> ids) {
    this.uiVersion = uiVersion;
    this.policy = policy;
    this.store = store;
    this.archive = archive;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * @param sourceIp the caller's address; only its prefix is kept
   * @param gpc whether the request carried the Global Privacy Control signal
   * @param apiOrigin the consent API's own origin ({@code https://host[:port]}), accepted as a page's
   *     origin besides the policy's sites (the API may serve the pages too); null when unknown
   */
  public ConsentRecord record(ConsentDecision decision, String sourceIp, boolean gpc, String apiOrigin) {
    List<FieldError> errors = new ArrayList<>();
    BannerConfig banner = banner(decision.bannerRevision(), errors);
    Map<String, Boolean> choices = banner == null ? Map.of() : choices(decision.choices(), banner, errors);
    ConsentMethod method = method(decision.method(), choices, banner, errors);
    if (decision.language() == null || banner != null && !banner.languages().contains(decision.language())) {
      errors.add(new FieldError("language", "must be one of the banner's languages"
          + (banner == null ? "" : " " + banner.languages())));
    }
    String page = pageUrl(decision.pageUrl(), apiOrigin, errors);
    Instant decidedAt = decidedAt(decision.decidedAt(), errors);
    if (decision.consentId() != null && !UUID_SHAPE.matcher(decision.consentId()).matches()) {
      errors.add(new FieldError("consentId", "must be an id issued by this API"));
    }
    if (!errors.isEmpty()) {
      throw InvalidInput.badRequest(errors);
    }

    // Stored to the microsecond and the expiry to the second, exactly as the table keeps them.
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    String consentId = knownVisitor(decision.consentId(), now).orElseGet(ids);
    ConsentRecord record = new ConsentRecord(
        consentId, ids.get(), now, choices, method, banner.revision(), banner.sha256(),
        policy.version(), decision.language(), page, IpPrefix.truncate(sourceIp), gpc,
        now.atZone(policy.timezone()).plus(policy.consent().proofRetention()).toInstant()
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
        decidedAt, uiVersion);
    store.append(record, quota(now));
    return record;
  }

  /**
   * A late decision's own time, as the browser states it: an instant in the past, at most one
   * re-consent interval old (an older choice would be void anyway), a few minutes of clock skew
   * allowed.
   */
  private Instant decidedAt(String value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    Instant now = clock.instant();
    try {
      Instant at = Instant.parse(value).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      Instant oldest = now.atZone(policy.timezone()).minus(policy.consent().reconsentAfter()).toInstant();
      if (at.isAfter(now.plus(CLOCK_SKEW)) || at.isBefore(oldest)) {
        errors.add(new FieldError("decidedAt", "must be a time in the past, within the re-consent interval"));
        return null;
      }
      return at;
    } catch (java.time.format.DateTimeParseException e) {
      errors.add(new FieldError("decidedAt", "must be an ISO-8601 time such as 2026-11-25T10:15:30Z"));
      return null;
    }
  }

  /** Today's allowance, counted by calendar day in the policy's time zone. */
  private ConsentStore.DailyQuota quota(Instant now) {
    java.time.LocalDate today = now.atZone(policy.timezone()).toLocalDate();
    Instant tomorrow = today.plusDays(1).atStartOfDay(policy.timezone()).toInstant();
    return new ConsentStore.DailyQuota(today.toString(), policy.consent().limits().decisionsPerDay(), tomorrow);
  }

  /** A visitor id whose history has expired, or that we never issued, gets a fresh one. */
  private Optional<String> knownVisitor(String consentId, Instant now) {
    if (consentId == null || !store.isKnown(consentId, now)) {
      return Optional.empty();
    }
    return Optional.of(consentId);
  }

  private BannerConfig banner(Integer revision, List<FieldError> errors) {
    if (revision == null) {
      errors.add(new FieldError("bannerRevision", "is required"));
      return null;
    }
    BannerConfig banner = archive.find(revision).orElse(null);
    if (banner == null) {
      errors.add(new FieldError("bannerRevision", "unknown banner revision " + revision));
    }
    return banner;
  }

  private static Map<String, Boolean> choices(
      Map<String, Boolean> given, BannerConfig banner, List<FieldError> errors) {
    if (given == null) {
      errors.add(new FieldError("choices", "is required"));
      return Map.of();
    }
    Map<String, Boolean> choices = new LinkedHashMap<>();
    given.forEach((category, chosen) -> {
      if (!banner.categoryIds().contains(category)) {
        errors.add(new FieldError("choices." + category, "unknown category; expected " + banner.categoryIds()));
      } else if (chosen == null) {
        errors.add(new FieldError("choices." + category, "must be true or false"));
      }
    });
    for (String category : banner.categoryIds()) {
      Boolean chosen = given.get(category);
      if (chosen == null) {
        if (!given.containsKey(category)) {
          errors.add(new FieldError("choices." + category, "is required"));
        }
      } else if (banner.isRequired(category) && !chosen) {
        errors.add(new FieldError("choices." + category, "must be true: necessary cookies cannot be refused"));
      } else {
        choices.put(category, chosen);
      }
    }
    return choices;
  }

  private static ConsentMethod method(
      String wire, Map<String, Boolean> choices, BannerConfig banner, List<FieldError> errors) {
    Optional<ConsentMethod> parsed = Optional.ofNullable(wire).flatMap(ConsentMethod::fromWire);
    if (parsed.isEmpty()) {
      errors.add(new FieldError("method", "must be one of accept_all, reject_all, custom, withdraw, gpc"));
      return null;
    }
    if (banner == null || choices.size() != banner.categoryIds().size()) {
      return parsed.get();
    }
    boolean allOptionalOn = optional(choices, banner).allMatch(Boolean::booleanValue);
    boolean allOptionalOff = optional(choices, banner).noneMatch(Boolean::booleanValue);
    String mismatch = switch (parsed.get()) {
      case ACCEPT_ALL -> allOptionalOn ? null : "accept_all must accept every category";
      case REJECT_ALL, WITHDRAW -> allOptionalOff ? null : parsed.get().wire() + " must refuse every optional category";
      case GPC -> Boolean.FALSE.equals(choices.get("marketing")) ? null : "gpc must leave marketing off";
      case CUSTOM -> null;
    };
    if (mismatch != null) {
      errors.add(new FieldError("method", mismatch));
    }
    return parsed.get();
  }

  private static java.util.stream.Stream<Boolean> optional(Map<String, Boolean> choices, BannerConfig banner) {
    return choices.entrySet().stream().filter(e -> !banner.isRequired(e.getKey())).map(Map.Entry::getValue);
  }

  /**
   * Keeps scheme, host and path: a query string can carry personal data and proves nothing. The
   * page must be on one of the sites the policy names (or the API's own origin): a record naming
   * some other site would prove nothing about this one.
   */
  private String pageUrl(String url, String apiOrigin, List<FieldError> errors) {
    if (url == null || url.length() > MAX_URL_LENGTH) {
      errors.add(new FieldError("pageUrl", "is required, at most " + MAX_URL_LENGTH + " characters"));
      return null;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
        throw new URISyntaxException(url, "not an http(s) URL");
      }
      String origin = origin(scheme, uri.getHost(), uri.getPort());
      if (!policy.consent().allowedOrigins().contains(origin) && !origin.equals(apiOrigin)) {
        errors.add(new FieldError("pageUrl", "must be a page of one of the sites this banner serves"));
        return null;
      }
      return origin + (uri.getRawPath() == null ? "" : uri.getRawPath());
    } catch (URISyntaxException e) {
      errors.add(new FieldError("pageUrl", "must be an absolute http(s) URL"));
      return null;
    }
  }

  /** {@code scheme://host[:port]}, lower case, without the scheme's default port. */
  public static String origin(String scheme, String host, int port) {
    String s = scheme.toLowerCase(java.util.Locale.ROOT);
    boolean defaultPort = port < 0 || s.equals("https") && port == 443 || s.equals("http") && port == 80;
    return s + "://" + host.toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }
}
