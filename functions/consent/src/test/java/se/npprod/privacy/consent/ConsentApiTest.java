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
}
