package se.npprod.privacy.consent;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.consent.ArchiveBanner;
import se.npprod.privacy.core.consent.BannerArchive;
import se.npprod.privacy.core.consent.BannerConfig;
import se.npprod.privacy.core.consent.CachedBannerArchive;
import se.npprod.privacy.core.consent.ConsentDecision;
import se.npprod.privacy.core.consent.ConsentInterface;
import se.npprod.privacy.core.consent.ConsentMethod;
import se.npprod.privacy.core.consent.ConsentRecord;
import se.npprod.privacy.core.consent.ConsentState;
import se.npprod.privacy.core.consent.ConsentStore;
import se.npprod.privacy.core.consent.DailyLimitReached;
import se.npprod.privacy.core.consent.InvalidInput;
import se.npprod.privacy.core.consent.ReadConsent;
import se.npprod.privacy.core.consent.RecordConsent;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.port.Unavailable;
import se.npprod.privacy.http.Cors;
import se.npprod.privacy.http.HttpApi;

/** The consent HTTP API: turns HTTP API events into use-case calls and results into responses. */
public final class ConsentApi {
  static final String POST_CONSENT = "POST /consent";
  static final String GET_CONSENT = "GET /consent/{consentId}";
  static final String GET_CONFIG = "GET /consent/config";
  static final String OPTIONS_CONSENT = "OPTIONS /consent";
  /** Larger bodies are refused before parsing: a decision is a few hundred bytes. */
  static final int MAX_BODY_BYTES = 4096;
  /** An id of the right shape that the API never issues (version nibble 4, all else zero). */
  static final String PRIMING_ID = "00000000-0000-4000-8000-000000000000";

  private final Policy policy;
  /** The consent interface this function serves, archived at start and named in every record. */
  private final ConsentInterface ui;
  private final Clock clock;
  /** The policy's banner, not yet checked against the archive. */
  private final BannerConfig currentBanner;
  private final RecordConsent recordConsent;
  private final ReadConsent readConsent;
  private final ArchiveBanner archiveBanner;
  private final CachedBannerArchive banners;
  private final Cors cors;
  /** The current banner, archived; null until the archive has answered once. */
  private volatile BannerConfig banner;
  private volatile String configJson;

  /**
   * Archives the current banner revision at once, so that a banner changed without a new revision
   * stops the function at start (and SnapStart's publish). If the table does not answer, that is
   * left to the first request, which then answers 503 instead of failing the container's init.
   */
  ConsentApi(Policy policy, BannerConfig currentBanner, ConsentInterface ui, ConsentStore store,
      BannerArchive archive, Clock clock) {
    this.ui = ui;
    this.banners = new CachedBannerArchive(archive);
    this.policy = policy;
    this.clock = clock;
    this.currentBanner = currentBanner;
    this.archiveBanner = new ArchiveBanner(banners);
    this.recordConsent = new RecordConsent(policy, ui.uiVersion(), store, banners, clock);
    this.readConsent = new ReadConsent(policy, store, clock);
    this.cors = new Cors(policy.consent().allowedOrigins(), "GET, POST, OPTIONS");
    try {
      currentBanner();
    } catch (Unavailable e) {
      log(e);
    }
  }

  private BannerConfig currentBanner() {
    BannerConfig current = banner;
    if (current == null) {
      synchronized (this) {
        if (banner == null) {
          BannerConfig archived = archiveBanner.archiveCurrent(currentBanner, ui);
          // Checked by hash: decisions naming this revision need no read or parse of the archive.
          banners.remember(archived);
          configJson = ConsentJson.config(archived, policy);
          banner = archived;
        }
        current = banner;
      }
    }
    return current;
  }

  /**
   * Warms what the first requests need before SnapStart's snapshot: the banner check, the read
   * path through the SDK (a query for an id nobody has), the routes that only read, and the
   * decision parser and record writer on their own. Nothing that can write a consent record runs
   * here, whatever validation does: whatever runs is frozen into every copy of the snapshot.
   */
  void prime() {
    BannerConfig current = currentBanner();
    handle(APIGatewayV2HTTPEvent.builder()
        .withRouteKey(GET_CONSENT)
        .withPathParameters(Map.of("consentId", PRIMING_ID))
        .build());
    handle(APIGatewayV2HTTPEvent.builder().withRouteKey(GET_CONFIG).build());
    ConsentDecision decision = ConsentJson.decision(("{\"choices\":{\"necessary\":true},\"method\":\"reject_all\","
        + "\"bannerRevision\":" + current.revision() + ",\"language\":\"sv\",\"pageUrl\":\"https://npprod.se/\"}")
        .getBytes(StandardCharsets.UTF_8));
    ConsentJson.record(new ConsentRecord(PRIMING_ID, PRIMING_ID, Instant.EPOCH, decision.choices(),
        ConsentMethod.REJECT_ALL, current.revision(), current.sha256(), policy.version(), decision.language(),
        decision.pageUrl(), "192.0.2.0/24", false, Instant.EPOCH, null, ui.uiVersion()));
  }

  APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
    Optional<Map<String, String>> corsHeaders =
        OPTIONS_CONSENT.equals(event.getRouteKey()) ? cors.preflight(event) : cors.headersFor(event);
    if (corsHeaders.isEmpty()) {
      return HttpApi.problem(403, "origin-not-allowed", "This origin may not call the consent API",
          "Allowed origins are listed in the privacy policy configuration.", List.of(), Map.of("Vary", "Origin"));
    }
    Map<String, String> headers = corsHeaders.get();
    try {
      return switch (String.valueOf(event.getRouteKey())) {
        case POST_CONSENT -> record(event, headers);
        case GET_CONSENT -> read(event, headers);
        case GET_CONFIG -> config(headers);
        case OPTIONS_CONSENT -> HttpApi.empty(204, headers);
        default -> HttpApi.problem(404, "not-found", "No such route", null, List.of(), headers);
      };
    } catch (InvalidInput e) {
      return HttpApi.problem(e, headers);
    } catch (Unavailable e) {
      log(e);
      return HttpApi.problem(e, headers);
    } catch (DailyLimitReached e) {
      return HttpApi.tooManyRequests(Duration.between(clock.instant(), e.resetsAt()).toSeconds(),
          "Nothing was recorded. This visitor id takes at most " + policy.consent().limits().decisionsPerDay()
              + " decisions a day.", headers);
    }
  }

  private APIGatewayV2HTTPResponse config(Map<String, String> headers) {
    currentBanner();
    return HttpApi.json(200, configJson, withCache(headers));
  }

  /** The dependency and the exception's class only: its message may quote a request. */
  private static void log(Unavailable e) {
    System.out.println("dependency unavailable: " + e.dependency() + " ("
        + e.getCause().getClass().getSimpleName() + ")");
  }

  private APIGatewayV2HTTPResponse record(APIGatewayV2HTTPEvent event, Map<String, String> headers) {
    String contentType = HttpApi.header(event, "Content-Type").orElse("")
        .split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!contentType.equals("application/json") && !contentType.equals("text/plain")) {
      return HttpApi.problem(415, "unsupported-media-type", "Send the decision as JSON",
          "Content-Type must be application/json or text/plain.", List.of(), headers);
    }
    byte[] body = HttpApi.body(event);
    if (body.length > MAX_BODY_BYTES) {
      return HttpApi.problem(413, "body-too-large", "The decision is too large",
          "At most " + MAX_BODY_BYTES + " bytes.", List.of(), headers);
    }
    ConsentDecision decision = ConsentJson.decision(body);
    currentBanner();
    boolean gpc = HttpApi.header(event, "Sec-GPC").map("1"::equals).orElse(false);
    ConsentRecord record = recordConsent.record(decision, HttpApi.sourceIp(event), gpc, HttpApi.ownOrigin(event));
    Map<String, String> created = new LinkedHashMap<>(headers);
    created.put("Location", "/consent/" + record.consentId());
    APIGatewayV2HTTPResponse response = HttpApi.json(201, ConsentJson.record(record), created);
    response.setCookies(List.of(
        ChoiceCookie.of(record, policy, HttpApi.host(event), HttpApi.https(event), clock.instant())));
    return response;
  }

  private APIGatewayV2HTTPResponse read(APIGatewayV2HTTPEvent event, Map<String, String> headers) {
    String consentId = event.getPathParameters() == null ? null : event.getPathParameters().get("consentId");
    Optional<ConsentState> state = consentId == null ? Optional.empty() : readConsent.read(consentId);
    if (state.isEmpty()) {
      return HttpApi.problem(404, "consent-not-found", "No consent is recorded under this id",
          "Unknown id, or its proof has passed the retention period.", List.of(), headers);
    }
    return HttpApi.json(200, ConsentJson.state(state.get()), headers);
  }

  private static Map<String, String> withCache(Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Cache-Control", "public, max-age=300");
    return all;
  }
}
