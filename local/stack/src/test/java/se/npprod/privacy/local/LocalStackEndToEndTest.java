package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import se.npprod.privacy.aws.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.local.emulators.RepoRoot;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** The local stack as a newcomer meets it: HTTP in, DynamoDB behind, the demo site beside. */
class LocalStackEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalStack stack;

  @BeforeAll
  static void start() {
    stack = LocalStack.start(0);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder to(String path) {
    return HttpRequest.newBuilder(URI.create(stack.baseUrl() + path));
  }

  @Test
  void recordsADecisionOverHttpAndShowsItBack() throws Exception {
    String body = "{\"choices\":{\"necessary\":true,\"analytics\":true,\"marketing\":false},\"method\":\"custom\","
        + "\"bannerRevision\":1,\"language\":\"sv\",\"pageUrl\":\"" + stack.baseUrl() + "/?utm=x\"}";

    HttpResponse<String> created = send(to("/consent").header("Content-Type", "text/plain;charset=UTF-8")
        .header("Sec-GPC", "1").POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode record = JSON.readTree(created.body());
    assertThat(record.get("ipPrefix").asText()).isEqualTo("127.0.0.0/24");
    assertThat(record.get("gpc").asBoolean()).isTrue();
    assertThat(record.get("pageUrl").asText()).doesNotContain("utm");
    String consentId = record.get("consentId").asText();

    HttpResponse<String> read = send(to("/consent/" + consentId));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(read.body()).at("/current/choices/analytics").asBoolean()).isTrue();

    try (DynamoDbClient dynamo = stack.cloud().emulators().endpoints().dynamoDbClient()) {
      var items = dynamo.query(b -> b.tableName(stack.cloud().physicalName("PrivacyTable"))
          .keyConditionExpression("pk = :pk AND begins_with(sk, :decisions)")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Table.visitor(consentId)),
              ":decisions", AttributeValue.fromS(Table.CONSENT_PREFIX)))).items();
      assertThat(items).singleElement().satisfies(item -> {
        assertThat(item.get("method").s()).isEqualTo("custom");
        assertThat(item.get("bannerSha256").s()).hasSize(64);
        assertThat(item).containsKey("expiresAt");
      });
    }
  }

  @Test
  void answersBadInputWithAProblemNeverAServerError() throws Exception {
    HttpResponse<String> response = send(to("/consent").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{not json")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
  }

  @Test
  void servesTheArchivedBannerBesideTheShop() throws Exception {
    HttpResponse<String> config = send(to("/consent/config"));
    HttpResponse<String> shop = send(to("/"));
    HttpResponse<String> privacy = send(to("/integritet.html"));
    HttpResponse<String> library = send(to("/vendor/cookieconsent/cookieconsent.umd.js"));

    assertThat(JSON.readTree(config.body()).at("/banner/texts/sv/acceptAll").asText()).isEqualTo("Godkänn alla");
    assertThat(shop.body()).contains("data-cc=\"show-preferencesModal\"", "/banner.js");
    assertThat(privacy.body()).contains("data-cc=\"show-preferencesModal\"");
    assertThat(library.statusCode()).isEqualTo(200);
    assertThat(send(to("/../pom.xml")).statusCode()).isEqualTo(404);
  }

  @Test
  void answersServiceUnavailableOverHttpWhileDynamoDbHangs() throws Exception {
    String body = "{\"choices\":{\"necessary\":true,\"analytics\":false,\"marketing\":false},"
        + "\"method\":\"reject_all\",\"bannerRevision\":1,\"language\":\"sv\",\"pageUrl\":\"" + stack.baseUrl() + "/\"}";
    HttpRequest.Builder post = to("/consent").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(body));

    stack.cloud().emulators().pauseDynamoDb();
    HttpResponse<String> whileHung;
    try {
      whileHung = send(post);
    } finally {
      stack.cloud().emulators().resumeDynamoDb();
    }

    assertThat(whileHung.statusCode()).isEqualTo(503);
    assertThat(whileHung.headers().firstValue("Retry-After")).contains("5");
    assertThat(whileHung.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(send(post).statusCode()).as("once DynamoDB answers again").isEqualTo(201);
  }

  @Test
  void answersUnknownApiMethodsLikeApiGateway() throws Exception {
    assertThat(send(to("/consent").DELETE()).statusCode()).isEqualTo(404);
  }

  @Test
  void takesEventsOnItsEventBridgeBusFromTheSdkClient() {
    var response = PutEventCommand.send(URI.create(stack.eventBusUrl()), List.of(
        PutEventsRequestEntry.builder().source("npprod.shop")
            .detailType("OrderPlaced").detail("{\"orderId\":\"o-1\"}").build()));

    assertThat(response.failedEntryCount()).isZero();
    assertThat(response.entries()).singleElement().satisfies(e -> assertThat(e.eventId()).isNotBlank());
  }

  @Test
  void coldInvokeRunsTheDeployableJarUnderTheRuntimeClient() throws Exception {
    Path event = RepoRoot.find().resolve("events/consent/record-consent.json");

    ColdInvoke.Result result = ColdInvoke.run(stack.cloud(), "ConsentFunction", event);

    assertThat(result.succeeded()).as(result.response()).isTrue();
    JsonNode response = JSON.readTree(result.response());
    assertThat(response.get("statusCode").asInt()).isEqualTo(201);
    assertThat(result.code().getFileName().toString()).endsWith("-lambda.jar");
    System.out.printf("ConsentFunction: %s; jar %.1f MB%n", result.timings(), result.codeBytes() / 1_048_576.0);
  }
}
