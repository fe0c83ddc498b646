package se.npprod.privacy.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.params.ParameterizedTest;
import se.npprod.privacy.core.consent.ConsentRecord;
import se.npprod.privacy.core.testing.InMemoryConsentLog;
import se.npprod.privacy.core.testing.MutableClock;
import se.npprod.privacy.core.testing.Policies;
import se.npprod.privacy.local.cloud.LocalContext;

/** ConsentFunction through its test seam: the handler over in-memory ports and a movable clock. */
class ConsentApiTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  private static APIGatewayV2HTTPResponse call(ConsentHandler handler, APIGatewayV2HTTPEvent event) {
    return handler.handleRequest(event, new LocalContext("ConsentFunction", 10));
  }

  @ParameterizedTest
  @Event(value = "../../events/consent/record-consent.json", type = APIGatewayV2HTTPEvent.class)
  void storesTheDecisionWithTheClocksTimeAndThePolicysRetention(APIGatewayV2HTTPEvent sample) {
    InMemoryConsentLog log = new InMemoryConsentLog();
    ConsentHandler handler = new ConsentHandler(Policies.seed(), log, clock);

    assertThat(call(handler, sample).getStatusCode()).isEqualTo(201);

    ConsentRecord stored = log.records.get(0);
    assertThat(stored.recordedAt()).isEqualTo(clock.instant());
    assertThat(stored.expiresAt()).isEqualTo(clock.instant().atZone(Policies.seed().timezone())
        .plus(Policies.seed().consent().proofRetention()).toInstant());
    assertThat(log.banners).containsKey(Policies.seed().consent().banner().revision());
  }

  @org.junit.jupiter.api.Test
  void primingForSnapStartRunsNoCodeThatWritesARecord() throws Exception {
    InMemoryConsentLog log = new InMemoryConsentLog();
    ConsentHandler handler = new ConsentHandler(Policies.seed(), log, clock);
    log.refuseRecords = true;

    handler.beforeCheckpoint(null);

    assertThat(log.records).isEmpty();
    assertThat(log.banners).as("the banner is archived before the snapshot")
        .containsKey(Policies.seed().consent().banner().revision());
  }

  @ParameterizedTest
  @Event(value = "../../events/consent/record-consent.json", type = APIGatewayV2HTTPEvent.class)
  void startsWhileTheTableIsDownAndAnswersServiceUnavailableUntilItIsBack(APIGatewayV2HTTPEvent sample) {
    InMemoryConsentLog log = new InMemoryConsentLog();
    log.down = true;
    ConsentHandler handler = new ConsentHandler(Policies.seed(), log, clock);

    APIGatewayV2HTTPResponse whileDown = call(handler, sample);
    log.down = false;
    clock.advance(Period.ofDays(1));
    APIGatewayV2HTTPResponse afterwards = call(handler, sample);

    assertThat(whileDown.getStatusCode()).isEqualTo(503);
    assertThat(whileDown.getHeaders()).containsEntry("Retry-After", "5");
    assertThat(afterwards.getStatusCode()).isEqualTo(201);
    assertThat(log.records).hasSize(1);
  }

  @ParameterizedTest
  @Event(value = "../../events/consent/record-consent.json", type = APIGatewayV2HTTPEvent.class)
  void answersTooManyRequestsBeyondTheDailyLimitAndWritesNothing(APIGatewayV2HTTPEvent sample) throws Exception {
    InMemoryConsentLog log = new InMemoryConsentLog();
    ConsentHandler handler = new ConsentHandler(Policies.withLimits(Policies.seed(), 20, 1), log, clock);
    String consentId = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(call(handler, sample).getBody()).get("consentId").asText();
    sample.setBody(sample.getBody().replace("{\"choices\"", "{\"consentId\":\"" + consentId + "\",\"choices\""));

    APIGatewayV2HTTPResponse refused = call(handler, sample);

    assertThat(refused.getStatusCode()).isEqualTo(429);
    assertThat(refused.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    long retryAfter = Long.parseLong(refused.getHeaders().get("Retry-After"));
    assertThat(retryAfter).as("seconds to midnight in Stockholm").isBetween(1L, 86_400L);
    assertThat(log.records).hasSize(1);
  }

  @ParameterizedTest
  @Event(value = "../../events/consent/read-consent.json", type = APIGatewayV2HTTPEvent.class)
  void showsAVisitorTheNewestDecisionsAndTheirCountButNoAddressOrPage(APIGatewayV2HTTPEvent get) throws Exception {
    InMemoryConsentLog log = new InMemoryConsentLog();
    ConsentHandler handler = new ConsentHandler(Policies.withLimits(Policies.seed(), 2, 100), log, clock);
    APIGatewayV2HTTPEvent post = com.amazonaws.services.lambda.runtime.tests.EventLoader.loadApiGatewayHttpEvent(
        se.npprod.privacy.local.emulators.RepoRoot.find().resolve("events/consent/record-consent.json").toString());
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    String consentId = json.readTree(call(handler, post).getBody()).get("consentId").asText();
    for (int i = 0; i < 3; i++) {
      clock.advance(Period.ofDays(1));
      post.setBody(post.getBody().replaceFirst("\\{(\"consentId\":\"[^\"]+\",)?\"choices\"",
          "{\"consentId\":\"" + consentId + "\",\"choices\""));
      assertThat(call(handler, post).getStatusCode()).isEqualTo(201);
    }
    get.setPathParameters(java.util.Map.of("consentId", consentId));

    var state = json.readTree(call(handler, get).getBody());

    assertThat(state.get("history")).hasSize(2);
    assertThat(state.get("totalDecisions").asLong()).isEqualTo(4);
    assertThat(state.toString()).doesNotContain("ipPrefix", "pageUrl", "203.0.113");
  }

  @ParameterizedTest
  @Event(value = "../../events/consent/record-consent.json", type = APIGatewayV2HTTPEvent.class)
  void setsTheChoiceAsAFirstPartyCookieThatLastsTheReconsentInterval(APIGatewayV2HTTPEvent sample) {
    ConsentHandler handler = new ConsentHandler(Policies.seed(), new InMemoryConsentLog(), clock);
    java.util.Map<String, String> headers = new java.util.HashMap<>(sample.getHeaders());
    headers.put("host", "shop.npprod.se");
    sample.setHeaders(headers);

    APIGatewayV2HTTPResponse response = call(handler, sample);

    String consentId = response.getHeaders().get("Location").substring("/consent/".length());
    long twelveMonths = java.time.Duration.between(clock.instant(),
        clock.instant().atZone(java.time.ZoneId.of("Europe/Stockholm")).plusMonths(12).toInstant()).toSeconds();
    assertThat(response.getCookies()).containsExactly("np_choice=r1." + consentId
        + "; Path=/; Max-Age=" + twelveMonths + "; SameSite=Lax; Domain=npprod.se; Secure");
  }

  @ParameterizedTest
  @Event(value = "../../events/consent/record-consent.json", type = APIGatewayV2HTTPEvent.class)
  void keepsTheChoiceCookieOnAHostOutsideTheSiteFamilyAndOffHttpsWithoutDomainOrSecure(APIGatewayV2HTTPEvent sample) {
    ConsentHandler handler = new ConsentHandler(Policies.seed(), new InMemoryConsentLog(), clock);
    java.util.Map<String, String> headers = new java.util.HashMap<>(sample.getHeaders());
    headers.put("host", "localhost:3000");
    headers.put("x-forwarded-proto", "http");
    headers.remove("origin");
    sample.setHeaders(headers);
    sample.setBody(sample.getBody().replace("https://shop.npprod.se/", "http://localhost:3000/")
        .replace("\"reject_all\"", "\"custom\"").replace("\"analytics\":false", "\"analytics\":true"));

    APIGatewayV2HTTPResponse response = call(handler, sample);

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getCookies()).singleElement().asString()
        .matches("np_choice=r1\\.[0-9a-f-]{36}\\.analytics; Path=/; Max-Age=\\d+; SameSite=Lax");
  }

  @ParameterizedTest
  @Event(value = "../../events/consent/record-consent.json", type = APIGatewayV2HTTPEvent.class)
  void namesTheConsentInterfaceInEveryRecordAndArchivesItOnceSoTheRecordCanBeReplayed(APIGatewayV2HTTPEvent sample)
      throws Exception {
    InMemoryConsentLog log = new InMemoryConsentLog();
    ConsentHandler handler = new ConsentHandler(Policies.seed(), log, clock);

    call(handler, sample);

    String uiVersion = log.records.get(0).uiVersion();
    assertThat(uiVersion).isEqualTo(se.npprod.privacy.policy.BundledInterface.UI_VERSION).hasSize(64);
    assertThat(log.interfaces).containsOnlyKeys(uiVersion);
    assertThat(log.interfaces.get(uiVersion).bannerJs()).isEqualTo(java.nio.file.Files.readString(
        se.npprod.privacy.local.emulators.RepoRoot.find().resolve("web/banner.js")));
    assertThat(log.interfaces.get(uiVersion).bannerSha256()).isEqualTo(log.records.get(0).bannerSha256());
  }
}
