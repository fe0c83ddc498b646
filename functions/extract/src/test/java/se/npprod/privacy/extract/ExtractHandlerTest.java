package se.npprod.privacy.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;




import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.HttpExports;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.S3ExtractFiles;
import se.npprod.privacy.aws.SesOutbox;
import se.npprod.privacy.aws.SubjectTable;
import se.npprod.privacy.core.extract.BuildExtract;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.NewRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.request.SubmitRequest;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.core.request.VerificationToken;
import se.npprod.privacy.core.request.VerifyRequest;
import se.npprod.privacy.core.subject.ActivityEvents;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.RecordActivity;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.LocalContext;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import se.npprod.privacy.local.emulators.RepoRoot;
import se.npprod.privacy.local.emulators.SentMail;
import se.npprod.privacy.policy.BundledPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ExtractFunction over dynoxide, s3rver and the SES emulator, with two HTTP systems of the data map
 * played by a test server that checks the signature: a verified request is answered with a mail
 * whose links lead to files holding the subject's orders and the systems' data.
 */
@ExtendWith(EmulatorsExtension.class)
class ExtractHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Policy POLICY = BundledPolicy.policy();
  private static final String CRM_KEY = "crm-signing-key-0123456789";

  private LocalCloud cloud;
  private HttpServer systems;
  private final AtomicInteger newsletterStatus = new AtomicInteger(200);
  private final AtomicReference<String> crmNote = new AtomicReference<>("Föredrar leverans på förmiddagen.");
  private final List<String> rejectedSignatures = new ArrayList<>();
  private SubjectKeys keys;
  private RequestTable requests;
  private SubmitRequest submit;
  private VerifyRequest verify;
  private ExtractHandler handler;
  private DynamoDbClient dynamo;
  private List<String> queued;

  @BeforeEach
  void wire(LocalCloud cloud) throws Exception {
    this.cloud = cloud;
    cloud.emulators().endpoints().environment().forEach(System::setProperty);
    systems = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    systems.createContext("/crm", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String timestamp = exchange.getRequestHeaders().getFirst("X-NP-Timestamp");
      String expected = "v1=" + HttpExports.sign(CRM_KEY, timestamp + "." + new String(body, StandardCharsets.UTF_8));
      if (!expected.equals(exchange.getRequestHeaders().getFirst("X-NP-Signature"))) {
        rejectedSignatures.add(timestamp);
        exchange.sendResponseHeaders(401, -1);
        exchange.close();
        return;
      }
      String email = JSON.readTree(body).path("subject").path("email").asText();
      byte[] answer = JSON.writeValueAsBytes(Map.of("items", List.of(Map.of("category", "contact", "kind", "crmNote",
          "occurredAt", "2026-10-01T08:00:00Z", "fields", Map.of("note", crmNote.get(), "about", email)))));
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    systems.createContext("/newsletter", exchange -> {
      byte[] answer = "{\"items\":[{\"category\":\"contact\",\"kind\":\"subscription\",\"fields\":{\"subscribed\":true}}]}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(newsletterStatus.get(), newsletterStatus.get() == 200 ? answer.length : -1);
      if (newsletterStatus.get() == 200) {
        exchange.getResponseBody().write(answer);
      }
      exchange.close();
    });
    systems.createContext("/webshop", exchange -> {
      // The shop holds nothing beyond what the table has, in these tests.
      byte[] answer = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    systems.start();
    String base = "http://127.0.0.1:" + systems.getAddress().getPort();
    String connectors = "{\"webshop\":{\"url\":\"" + base + "/webshop\",\"key\":\"shop-key\"},\"crm\":{\"url\":\"" + base + "/crm\",\"key\":\"" + CRM_KEY + "\"},"
        + "\"newsletter\":{\"url\":\"" + base + "/newsletter\",\"key\":\"nl-key\"}}";

    dynamo = cloud.emulators().endpoints().dynamoDbClient();
    String table = cloud.physicalName("PrivacyTable");
    keys = new SubjectKeys("e".repeat(32).getBytes(StandardCharsets.UTF_8));
    requests = new RequestTable(dynamo, table, POLICY.timezone());
    SesOutbox outbox = new SesOutbox(AwsClients.sesV2(), "NP Produkter <info@npprod.se>", Optional.empty());
    VerificationLinks links = VerificationLinks.under("http://localhost:3000");
    submit = new SubmitRequest(POLICY, keys, requests, outbox, links, java.time.Clock.systemUTC());
    queued = new ArrayList<>();
    verify = new VerifyRequest(POLICY, requests, r -> queued.add(r.id()), java.time.Clock.systemUTC());
    handler = new ExtractHandler(new BuildExtract(POLICY, requests, new SubjectTable(dynamo, table),
        new HttpExports(() -> connectors, java.time.Clock.systemUTC()),
        new S3ExtractFiles(AwsClients.s3(), cloud.physicalName("ExtractBucket"), dynamo, table), outbox, links,
        java.time.Clock.systemUTC()));
    SentMail.clear(cloud.emulators().endpoints());
  }

  @AfterEach
  void stop() {
    systems.stop(0);
  }

  /** The sample event, naming the verified request as the intake puts it on the queue. */
  private SQSBatchResponse deliver(String requestId, int receiveCount) {
    SQSEvent event = EventLoader.loadSQSEvent(RepoRoot.find().resolve("events/extract/verified-access-request.json").toString());
    SQSEvent.SQSMessage message = event.getRecords().get(0);
    message.setBody("{\"requestId\":\"" + requestId + "\",\"type\":\"access\"}");
    message.getAttributes().put("ApproximateReceiveCount", Integer.toString(receiveCount));
    return handler.handleRequest(event, new LocalContext("ExtractFunction", 60));
  }

  private String verifiedRequest(String email) throws Exception {
    submit.submit(new NewRequest(Channel.EMAIL, EmailAddress.parse(email).orElseThrow(), RequestType.ACCESS,
        List.of("registerutdrag"), Optional.empty(), "sv", "Registerutdrag", "Hej, jag vill ha ett registerutdrag.",
        Optional.of(java.util.UUID.randomUUID() + "@example.se"), Instant.now()));
    String token = lastLink(email, "verify");
    assertThat(verify.confirm(token).state()).isEqualTo(VerifyRequest.State.VERIFIED);
    return queued.get(queued.size() - 1);
  }

  private void order(String email, String orderId, String summary) {
    RecordActivity record = new RecordActivity(POLICY, keys, new SubjectTable(dynamo, cloud.physicalName("PrivacyTable")));
    Map<String, Object> detail = new java.util.HashMap<>(Map.of(
        "orderId", orderId, "placedAt", "2026-11-20T09:14:58Z",
        "customer", Map.of("email", email, "name", "Test Testsson", "phone", "+46 70 111 22 33"),
        "lines", List.of(Map.of("sku", "NP-1", "name", "Kabelkanal", "quantity", 2, "unitPrice", "149.00")),
        "total", "298.00", "currency", "SEK"));
    if (!summary.isEmpty()) {
      detail.put("deliveryNote", summary);
    }
    record.record(ActivityEvents.read("npprod.webshop", ActivityEvents.ORDER_PLACED, "e-" + orderId, detail));
  }

  private List<JsonNode> mailsTo(String email) {
    return SentMail.to(cloud.emulators().endpoints(), email);
  }

  private String lastLink(String email, String kind) throws Exception {
    List<JsonNode> mails = mailsTo(email);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("/requests/" + kind + "\\?token=([A-Za-z0-9_-]{43})")
        .matcher(mails.get(mails.size() - 1).get("body").get("text").asText());
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    assertThat(last).as("a " + kind + " link in the last mail").isNotNull();
    return last;
  }

  private String storedFile(String token) {
    Map<String, AttributeValue> download = dynamo.getItem(b -> b.tableName(cloud.physicalName("PrivacyTable"))
        .key(Map.of("pk", AttributeValue.fromS("DL#" + VerificationToken.hash(token)), "sk", AttributeValue.fromS("DOWNLOAD"))))
        .item();
    return cloud.emulators().endpoints().s3Client().getObjectAsBytes(b -> b.bucket(cloud.physicalName("ExtractBucket"))
        .key(download.get("key").s())).asUtf8String();
  }

  @Test
  void aVerifiedRequestIsAnsweredWithLinksToEveryDataOfEverySystem() throws Exception {
    order("utdrag@example.se", "5001", "Lämnas vid grinden");
    String id = verifiedRequest("utdrag@example.se");

    SQSBatchResponse response = deliver(id, 1);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
    JsonNode mail = mailsTo("utdrag@example.se").get(1);
    assertThat(mail.get("body").get("text").asText()).contains("/requests/download?token=").doesNotContain("Kabelkanal");
    JsonNode json = JSON.readTree(storedFile(lastLink("utdrag@example.se", "download")));
    assertThat(json.get("format").asText()).isEqualTo("npprod-register-extract/1");
    assertThat(json.toString()).contains("5001", "Kabelkanal", "Lämnas vid grinden", "Föredrar leverans på förmiddagen.",
        "\"subscribed\":true");
    assertThat(rejectedSignatures).isEmpty();
  }

  @Test
  void aSystemThatDoesNotAnswerDelaysTheExtractAndThenSendsItToAPerson() throws Exception {
    newsletterStatus.set(503);
    order("vanta@example.se", "5002", "");
    String id = verifiedRequest("vanta@example.se");

    assertThat(deliver(id, 1).getBatchItemFailures()).hasSize(1);
    assertThat(deliver(id, 2).getBatchItemFailures()).hasSize(1);
    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);
    assertThat(deliver(id, 3).getBatchItemFailures()).isEmpty();

    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.MANUAL_REVIEW);
    assertThat(requests.request(id).orElseThrow().reviewReason()).contains("system-unavailable:newsletter");
    assertThat(mailsTo("vanta@example.se")).hasSize(1); // the confirmation link only
  }

  @Test
  void dataThatNamesOtherPeopleSendsTheExtractToAPersonFirst() throws Exception {
    crmNote.set("Ring grannen på 070-987 65 43 om paketet.");
    order("granne@example.se", "5003", "");
    String id = verifiedRequest("granne@example.se");

    deliver(id, 1);

    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.MANUAL_REVIEW);
    assertThat(requests.request(id).orElseThrow().reviewReason()).contains("third-party-data");
    assertThat(mailsTo("granne@example.se")).hasSize(1);
  }

  @Test
  void aSecondDeliveryOfTheSameMessageSendsNothingMore() throws Exception {
    order("tva@example.se", "5004", "");
    String id = verifiedRequest("tva@example.se");

    deliver(id, 1);
    deliver(id, 2);

    assertThat(mailsTo("tva@example.se")).hasSize(2);
  }

  @Test
  void anUnreadableMessageIsReportedAsAFailureForTheDeadLetterQueue() {
    SQSEvent event = EventLoader.loadSQSEvent(RepoRoot.find().resolve("events/extract/verified-access-request.json").toString());
    event.getRecords().get(0).setBody("not json");

    assertThat(handler.handleRequest(event, new LocalContext("ExtractFunction", 60)).getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly(event.getRecords().get(0).getMessageId());
  }
}
