package se.npprod.privacy.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.LocalContext;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.Emulators;
import se.npprod.privacy.local.emulators.RepoRoot;

/**
 * ConsentFunction when DynamoDB hangs or is gone, on an emulator of its own that the test pauses
 * (SIGSTOP) and stops. The answer is a 503 with Retry-After well inside the function's timeout,
 * never a hang and never a 500; once the table is back the same container works again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsentFaultsTest {
  private static Emulators emulators;
  private static ConsentHandler handler;

  @BeforeAll
  static void startFunctionOnItsOwnEmulator() {
    emulators = Emulators.startEmbedded(RepoRoot.find());
    LocalCloud cloud = LocalCloud.provision(emulators, RepoRoot.find().resolve("template.yaml"));
    Template.Function function = cloud.template().functions().stream()
        .filter(f -> f.logicalId().equals("ConsentFunction")).findFirst().orElseThrow();
    // The SDK reads the endpoint when the client is built; other test classes share this JVM.
    Map<String, String> saved = new HashMap<>();
    Map<String, String> props = new HashMap<>(cloud.environment(function));
    props.put("aws.endpointUrlDynamoDb", emulators.endpoints().dynamoDb().toString());
    props.forEach((k, v) -> {
      saved.put(k, System.getProperty(k));
      System.setProperty(k, v);
    });
    try {
      handler = new ConsentHandler();
    } finally {
      saved.forEach((k, v) -> {
        if (v == null) {
          System.clearProperty(k);
        } else {
          System.setProperty(k, v);
        }
      });
    }
  }

  @AfterAll
  static void stop() {
    emulators.close();
  }

  private static APIGatewayV2HTTPResponse post() {
    APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(
        RepoRoot.find().resolve("events/consent/record-consent.json").toString());
    return handler.handleRequest(event, new LocalContext("ConsentFunction", 10));
  }

  private static void assertUnavailable(APIGatewayV2HTTPResponse response) {
    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getHeaders()).containsEntry("Retry-After", "5")
        .containsEntry("Content-Type", "application/problem+json");
    assertThat(response.getBody()).contains("temporarily-unavailable").doesNotContain("Exception");
  }

  @Test
  @Order(1)
  void answersServiceUnavailableWhileDynamoDbHangsAndRecoversAfter() {
    assertThat(post().getStatusCode()).isEqualTo(201);

    emulators.pauseDynamoDb();
    APIGatewayV2HTTPResponse whileHung;
    long started = System.nanoTime();
    try {
      whileHung = post();
    } finally {
      emulators.resumeDynamoDb();
    }
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    assertUnavailable(whileHung);
    System.out.printf("DynamoDB hung: 503 after %d ms (function timeout 10 000 ms)%n", tookMillis);
    assertThat(post().getStatusCode()).as("after DynamoDB resumed").isEqualTo(201);
  }

  @Test
  @Order(2)
  void answersServiceUnavailableWhenDynamoDbIsGone() {
    emulators.stopDynamoDb();

    assertUnavailable(post());
  }
}
