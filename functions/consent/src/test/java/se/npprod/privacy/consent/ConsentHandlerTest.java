package se.npprod.privacy.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.LocalContext;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import se.npprod.privacy.local.emulators.RepoRoot;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** ConsentFunction as Lambda runs it: no-argument constructor, events from events/, dynoxide behind. */
@ExtendWith(EmulatorsExtension.class)
class ConsentHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REJECT_ALL = "{\"choices\":{\"necessary\":true,\"analytics\":false,"
      + "\"marketing\":false},\"method\":\"reject_all\",\"bannerRevision\":1,\"language\":\"sv\","
      + "\"pageUrl\":\"https://shop.npprod.se/\"}";

  private ConsentHandler handler;
  private DynamoDbClient dynamo;
  private String table;

  @BeforeEach
  void startFunction(LocalCloud cloud) {
    Template.Function function = cloud.template().functions().stream()
        .filter(f -> f.logicalId().equals("ConsentFunction")).findFirst().orElseThrow();
    cloud.environment(function).forEach(System::setProperty);
    handler = new ConsentHandler();
    dynamo = cloud.emulators().endpoints().dynamoDbClient();
    table = cloud.physicalName("PrivacyTable");
  }

  private static APIGatewayV2HTTPEvent event(String name) {
    return EventLoader.loadApiGatewayHttpEvent(RepoRoot.find().resolve("events/consent").resolve(name).toString());
  }

  private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
    return handler.handleRequest(event, new LocalContext("ConsentFunction", 10));
  }

  private int itemCount() {
    return dynamo.scan(b -> b.tableName(table).select(Select.COUNT)).count();
  }

  @ParameterizedTest
  @Event(value = "../../events/consent/record-consent.json", type = APIGatewayV2HTTPEvent.class)
  void recordsTheSampleDecisionAsProof(APIGatewayV2HTTPEvent sample) throws Exception {
    APIGatewayV2HTTPResponse response = call(sample);

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", "https://shop.npprod.se");
    JsonNode record = JSON.readTree(response.getBody());
    assertThat(record.get("method").asText()).isEqualTo("reject_all");
    assertThat(record.get("gpc").asBoolean()).isTrue();
    assertThat(record.get("ipPrefix").asText()).isEqualTo("203.0.113.0/24");
    assertThat(record.get("bannerSha256").asText()).hasSize(64);
    assertThat(response.getHeaders().get("Location")).isEqualTo("/consent/" + record.get("consentId").asText());
    assertThat(response.getBody()).doesNotContain("203.0.113.77");
  }

  @Test
  void showsTheCurrentStateAndHistoryOfAVisitor() throws Exception {
    String consentId = JSON.readTree(call(event("record-consent.json")).getBody()).get("consentId").asText();
    APIGatewayV2HTTPEvent change = event("record-consent.json");
    change.setBody("{\"consentId\":\"" + consentId + "\",\"choices\":{\"necessary\":true,\"analytics\":true,"
        + "\"marketing\":false},\"method\":\"custom\",\"bannerRevision\":1,\"language\":\"en\","
        + "\"pageUrl\":\"https://shop.npprod.se/kassa\"}");
    call(change);
    APIGatewayV2HTTPEvent get = event("read-consent.json");
    get.setPathParameters(Map.of("consentId", consentId));

    APIGatewayV2HTTPResponse response = call(get);

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode state = JSON.readTree(response.getBody());
    assertThat(state.at("/current/method").asText()).isEqualTo("custom");
    assertThat(state.at("/current/choices/analytics").asBoolean()).isTrue();
    assertThat(state.get("history")).hasSize(2);
    assertThat(state.at("/history/0/method").asText()).isEqualTo("reject_all");
    assertThat(state.get("upToDate").asBoolean()).isTrue();
  }

  @ParameterizedTest
  @Event(value = "../../events/consent/read-consent.json", type = APIGatewayV2HTTPEvent.class)
  void answersAnUnknownVisitorWithNotFound(APIGatewayV2HTTPEvent sample) {
    APIGatewayV2HTTPResponse response = call(sample);

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
  }

  @ParameterizedTest
  @Event(value = "../../events/consent/banner-config.json", type = APIGatewayV2HTTPEvent.class)
  void servesTheBannerConfigurationWithItsHash(APIGatewayV2HTTPEvent sample) throws Exception {
    APIGatewayV2HTTPResponse response = call(sample);

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode config = JSON.readTree(response.getBody());
    assertThat(config.get("revision").asInt()).isEqualTo(1);
    assertThat(config.at("/banner/texts/sv/rejectAll").asText()).isEqualTo("Avvisa alla");
    assertThat(config.get("sha256").asText()).hasSize(64);
  }

  @ParameterizedTest
  @Event(value = "../../events/consent/consent-preflight.json", type = APIGatewayV2HTTPEvent.class)
  void answersThePreflightForAnAllowedOrigin(APIGatewayV2HTTPEvent sample) {
    APIGatewayV2HTTPResponse response = call(sample);

    assertThat(response.getStatusCode()).isEqualTo(204);
    assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", "https://shop.npprod.se")
        .containsEntry("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  }

  @Test
  void acceptsABase64EncodedBody() {
    APIGatewayV2HTTPEvent event = event("record-consent.json");
    event.setBody(Base64.getEncoder().encodeToString(REJECT_ALL.getBytes(StandardCharsets.UTF_8)));
    event.setIsBase64Encoded(true);

    assertThat(call(event).getStatusCode()).isEqualTo(201);
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of("malformed JSON", "application/json", "{\"choices\":", null, 400),
        Arguments.of("trailing garbage", "application/json", REJECT_ALL + "}", null, 400),
        Arguments.of("unknown category", "application/json",
            REJECT_ALL.replace("\"marketing\":false", "\"marketing\":false,\"tracking\":true"), null, 400),
        Arguments.of("necessary refused", "text/plain", REJECT_ALL.replace("\"necessary\":true", "\"necessary\":false"),
            null, 400),
        Arguments.of("necessary missing", "text/plain", REJECT_ALL.replace("\"necessary\":true,", ""), null, 400),
        Arguments.of("string instead of boolean", "text/plain",
            REJECT_ALL.replace("\"analytics\":false", "\"analytics\":\"false\""), null, 400),
        Arguments.of("unknown field", "text/plain", REJECT_ALL.replace("{\"choices\"", "{\"email\":\"x\",\"choices\""),
            null, 400),
        Arguments.of("unknown banner revision", "text/plain", REJECT_ALL.replace("\"bannerRevision\":1",
            "\"bannerRevision\":42"), null, 400),
        Arguments.of("body over 4 KB", "application/json",
            REJECT_ALL.replace("https://shop.npprod.se/", "https://shop.npprod.se/" + "a".repeat(4200)), null, 413),
        Arguments.of("form post", "application/x-www-form-urlencoded", REJECT_ALL, null, 415),
        Arguments.of("no content type", null, REJECT_ALL, null, 415),
        Arguments.of("empty body", "application/json", "", null, 400),
        Arguments.of("foreign origin", "text/plain", REJECT_ALL, "https://evil.example", 403),
        Arguments.of("page of another site", "text/plain",
            REJECT_ALL.replace("https://shop.npprod.se/", "https://evil.example/"), null, 400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void refusesBadInputWithAProblemAndWritesNothing(
      String name, String contentType, String body, String origin, int status) throws Exception {
    APIGatewayV2HTTPEvent event = event("record-consent.json");
    Map<String, String> headers = new HashMap<>(event.getHeaders());
    headers.remove("content-type");
    if (contentType != null) {
      headers.put("content-type", contentType);
    }
    if (origin != null) {
      headers.put("origin", origin);
    }
    event.setHeaders(headers);
    event.setBody(body);
    int before = itemCount();

    APIGatewayV2HTTPResponse response = call(event);

    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    JsonNode problem = JSON.readTree(response.getBody());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("type").asText()).startsWith("https://npprod.se/problems/");
    assertThat(response.getBody()).as("details in plain words, never a Java type")
        .doesNotContain("java.", "jackson", "se.npprod", "class ", "Exception")
        .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z]");
    assertThat(itemCount()).isEqualTo(before);
  }

  @Test
  void primesForSnapStartWithoutWritingAnything() throws Exception {
    int before = itemCount();

    handler.beforeCheckpoint(null);

    assertThat(itemCount()).isEqualTo(before);
  }
}
