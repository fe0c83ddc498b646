package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.aws.SqsErasureQueue;
import se.npprod.privacy.core.erasure.ErasureTask;
import se.npprod.privacy.local.emulators.RepoRoot;
import se.npprod.privacy.local.emulators.SentMail;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An erasure through the whole local stack when the systems of the data map misbehave as real ones
 * do: the webshop fails its first two calls, the CRM answers slowly, and the newsletter service is
 * down (nothing listens on its port) until the first attempt has found it so, then comes back. The
 * logistics partner is asked by mail and confirms by its link. Every task ends done, the person's
 * confirmation is in the outbox, the invoice's accounting fields remain, and delivering every
 * message of the erasure a second time calls no system and sends no mail again.
 */
class ErasureEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final Pattern VERIFY = Pattern.compile("/requests/verify\\?token=([A-Za-z0-9_-]{43})");
  private static final Pattern PROCESSOR = Pattern.compile("/processors/confirm\\?token=([A-Za-z0-9_-]{43})");
  private static final String LOGISTICS = "integritet@logistik.example";
  private static final String CUSTOMER = "svajande.system@example.se";

  private static PlayedSystem webshop;
  private static PlayedSystem crm;
  private static PlayedSystem newsletter;
  private static LocalStack stack;
  private static DynamoDbClient dynamo;
  private static String table;

  @BeforeAll
  static void start() throws Exception {
    webshop = PlayedSystem.failingFirst("webshop", 2);
    crm = PlayedSystem.slow("crm", Duration.ofSeconds(3));
    newsletter = PlayedSystem.down("newsletter");
    Map<String, Object> connectors = new LinkedHashMap<>();
    connectors.put("webshop", webshop.connector());
    connectors.put("crm", crm.connector());
    connectors.put("newsletter", newsletter.connector());
    connectors.put("logistics", Map.of("email", LOGISTICS));
    stack = LocalStack.start(0, RepoRoot.find().resolve("template.yaml"), 2, JSON.writeValueAsString(connectors));
    dynamo = stack.cloud().emulators().endpoints().dynamoDbClient();
    table = stack.cloud().physicalName("PrivacyTable");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
    for (PlayedSystem s : new PlayedSystem[] {webshop, crm, newsletter}) {
      if (s != null) {
        s.close();
      }
    }
  }

  @Test
  void everyTaskEndsDoneDespiteAFailingASlowAndADownSystemAndASecondDeliveryChangesNothing() throws Exception {
    // The shop's order, with its invoice, as the webshop puts it on EventBridge.
    JsonNode order = JSON.readTree(Files.readAllBytes(RepoRoot.find().resolve("events/activity/order-placed.json")));
    String detail = order.get("detail").toString().replace("anna.andersson@example.se", CUSTOMER)
        .replace("F-2026-1187", "F-2026-7001");
    try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(URI.create(stack.eventBusUrl()))
        .region(Region.EU_WEST_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret"))).build()) {
      assertThat(events.putEvents(b -> b.entries(e -> e.source("npprod.webshop").detailType("Order Placed").detail(detail)))
          .failedEntryCount()).isZero();
    }
    Map<String, AttributeValue> profile = await("the order in the subject registry", () -> scan().stream()
        .filter(i -> i.get("sk").s().equals("PROFILE") && CUSTOMER.equals(i.get("email").s())).findFirst().orElse(null));

    assertThat(post("/requests", "language=sv&email=" + CUSTOMER.replace("@", "%40") + "&type=erasure&text=")
        .statusCode()).isEqualTo(202);
    Matcher verify = VERIFY.matcher(mail(CUSTOMER, 0).get("body").get("text").asText());
    assertThat(verify.find()).isTrue();
    assertThat(post("/requests/verify", "token=" + verify.group(1)).statusCode()).isEqualTo(200);
    String requestId = await("the erasure's plan", () -> scan().stream().filter(i -> i.get("sk").s().equals("PLAN"))
        .map(i -> i.get("pk").s().substring(2)).findFirst().orElse(null));

    // The newsletter service is found down, then comes back; its task was kept for it.
    Map<String, AttributeValue> downTask = await("an attempt on the newsletter service while it is down",
        () -> task(requestId, "newsletter").filter(t -> t.containsKey("lastAttemptAt")).orElse(null));
    assertThat(downTask.get("state").s()).isEqualTo("PENDING");
    assertThat(downTask.get("reason").s()).isEqualTo("unreachable");
    assertThat(newsletter.erasureCalls()).isZero();
    newsletter.up();

    // The logistics partner has no API: it confirms by the link in the mail it was sent.
    Matcher processor = PROCESSOR.matcher(mail(LOGISTICS, 0).get("body").get("text").asText());
    assertThat(processor.find()).isTrue();
    assertThat(post("/processors/confirm", "token=" + processor.group(1) + "&name=Lena+Logistik").statusCode())
        .isEqualTo(200);

    JsonNode erased = mail(CUSTOMER, 1);
    assertThat(erased.get("subject").asText()).startsWith("Dina personuppgifter är raderade");
    for (String system : List.of("registry", "webshop", "crm", "newsletter", "logistics")) {
      assertThat(task(requestId, system).orElseThrow().get("state").s()).as(system).isEqualTo("DONE");
    }
    assertThat(task(requestId, "webshop").orElseThrow().get("attempts").n()).as("two failed calls noted").isEqualTo("2");
    assertThat(webshop.erasureCalls()).as("two failures, then done").isEqualTo(3);
    assertThat(crm.erasureCalls()).isEqualTo(1);
    assertThat(newsletter.erasureCalls()).isEqualTo(1);
    assertThat(webshop.exports()).as("each done only after an export came back without the person").isPositive();
    assertThat(crm.exports()).isPositive();
    assertThat(newsletter.exports()).isPositive();

    // Our table keeps only the invoice, cut down to what bookkeeping law asks and restricted.
    List<Map<String, AttributeValue>> left = query(profile.get("pk").s());
    assertThat(left).singleElement().satisfies(invoice -> {
      assertThat(invoice.get("sk").s()).isEqualTo("INV#F-2026-7001");
      assertThat(invoice.get("restricted").bool()).isTrue();
      assertThat(invoice).containsKeys("invoiceNumber", "amount", "vat").doesNotContainKey("email");
    });
    String subject = profile.get("pk").s().substring(2);
    assertThat(query("T#" + subject)).as("the tombstone").singleElement()
        .satisfies(t -> assertThat(t.get("requestId").s()).isEqualTo(requestId));

    // Every message of this erasure delivered again: the plan and each system's task.
    SqsClient sqs = stack.cloud().emulators().endpoints().sqsClient();
    String queueUrl = stack.cloud().physicalName("ErasureQueue");
    SqsErasureQueue queue = new SqsErasureQueue(sqs, queueUrl);
    queue.plan(requestId);
    queue.send(List.of("registry", "webshop", "crm", "newsletter", "logistics").stream()
        .map(s -> new ErasureTask(requestId, s)).toList());
    await("the erasure queue drained", () -> {
      Map<String, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings(
          "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
      return a.values().stream().allMatch("0"::equals) ? Boolean.TRUE : null;
    });
    assertThat(webshop.erasureCalls()).isEqualTo(3);
    assertThat(crm.erasureCalls()).isEqualTo(1);
    assertThat(newsletter.erasureCalls()).isEqualTo(1);
    assertThat(SentMail.to(stack.cloud().emulators().endpoints(), CUSTOMER)).as("no second confirmation").hasSize(2);
    assertThat(SentMail.to(stack.cloud().emulators().endpoints(), LOGISTICS)).as("asked once").hasSize(1);
    assertThat(query("T#" + subject)).hasSize(1);
    assertThat(stack.cloud().emulators().endpoints().sqsClient().getQueueAttributes(b -> b
        .queueUrl(stack.cloud().physicalName("ErasureDeadLetterQueue"))
        .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages"))
        .as("nothing dead-lettered").isEqualTo("0");
  }

  private static java.util.Optional<Map<String, AttributeValue>> task(String requestId, String system) {
    return query("R#" + requestId).stream().filter(i -> i.get("sk").s().equals("TASK#" + system)).findFirst();
  }

  private static List<Map<String, AttributeValue>> scan() {
    return dynamo.scan(b -> b.tableName(table)).items();
  }

  private static List<Map<String, AttributeValue>> query(String pk) {
    return dynamo.query(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items();
  }

  private static HttpResponse<String> post(String path, String form) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", stack.baseUrl())
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode mail(String address, int index) throws InterruptedException {
    return await("mail " + index + " to " + address.substring(address.indexOf('@')), () -> {
      List<JsonNode> mails = SentMail.to(stack.cloud().emulators().endpoints(), address);
      return mails.size() > index ? mails.get(index) : null;
    });
  }

  /** Retries with backoff (15 s, then 30 s) take their time: up to three minutes. */
  private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
