package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.client.SmartClient;
import se.npprod.privacy.core.request.VerificationToken;
import se.npprod.privacy.local.emulators.RepoRoot;
import se.npprod.privacy.local.emulators.SentMail;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The issue's story through the whole local stack, every function under the Lambda runtime client:
 * the shop's order arrives on the event bus; the customer mails "jag vill ha ett registerutdrag"
 * over SMTP; a confirmation link arrives in the SES outbox; following it (page, then click) hands
 * the request to the extract queue; the extract mail's link serves JSON holding the order and the
 * CRM's data; and once the link's lifetime is over it serves nothing.
 */
class RequestEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final Pattern LINK = Pattern.compile("(/requests/(verify|download)\\?token=([A-Za-z0-9_-]{43}))");
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

  private static HttpRequest.Builder form(String path, String body) {
    return to(path).header("Content-Type", "application/x-www-form-urlencoded").header("Origin", stack.baseUrl())
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  private static JsonNode mail(String address, int index) throws InterruptedException {
    return await("mail " + index + " to the customer", () -> {
      List<JsonNode> mails = SentMail.to(stack.cloud().emulators().endpoints(), address);
      return mails.size() > index ? mails.get(index) : null;
    });
  }

  /**
   * The shop's order (the sample in events/activity/) for {@code customer}, put on the stack's bus
   * as the webshop puts it on EventBridge; returns the person's profile once ActivityFunction has it.
   */
  private static Map<String, AttributeValue> order(String customer, String invoiceNumber, String placedAt)
      throws Exception {
    JsonNode order = JSON.readTree(Files.readAllBytes(RepoRoot.find().resolve("events/activity/order-placed.json")));
    String detail = order.get("detail").toString().replace("anna.andersson@example.se", customer)
        .replace("F-2026-1187", invoiceNumber).replace("2026-11-20T09:14:58Z", placedAt);
    try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(URI.create(stack.eventBusUrl()))
        .region(Region.EU_WEST_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret"))).build()) {
      assertThat(events.putEvents(b -> b.entries(e -> e.source("npprod.webshop").detailType("Order Placed").detail(detail)))
          .failedEntryCount()).isZero();
    }
    DynamoDbClient dynamo = stack.cloud().emulators().endpoints().dynamoDbClient();
    String table = stack.cloud().physicalName("PrivacyTable");
    return await("the order in the subject registry", () -> dynamo.scan(b -> b.tableName(table)).items().stream()
        .filter(i -> i.get("sk").s().equals("PROFILE") && customer.equals(i.get("email").s())).findFirst().orElse(null));
  }

  /** The logistics partner's mail asking it to erase {@code customer} (other tests' erasures ask it too). */
  private static JsonNode processorMail(String customer) throws InterruptedException {
    return await("the logistics partner asked about " + customer.substring(customer.indexOf('@')), () -> SentMail.to(
        stack.cloud().emulators().endpoints(), "integritet@logistics.example").stream()
        .filter(m -> m.get("body").get("text").asText().contains(customer)).findFirst().orElse(null));
  }

  private static List<String[]> links(JsonNode mail) {
    Matcher m = LINK.matcher(mail.get("body").get("text").asText());
    List<String[]> found = new ArrayList<>();
    while (m.find()) {
      found.add(new String[] {m.group(1), m.group(3)});
    }
    return found;
  }

  @Test
  void aRequestFromThePrivacyPagesFormIsConfirmedByTheLinkInTheMailAndAnsweredEvenWhenNothingIsHeld() throws Exception {
    String customer = "form.e2e@example.se";
    HttpResponse<String> page = send(to("/integritet.html"));
    assertThat(page.body()).contains("action=\"/requests\"", "name=\"email\"");

    // As the browser posts the plain form, script or not.
    HttpResponse<String> received = send(form("/requests",
        "language=sv&email=" + customer.replace("@", "%40") + "&type=access&text="));
    assertThat(received.statusCode()).isEqualTo(202);
    assertThat(received.body()).contains("Tack, vi har tagit emot din begäran");

    String[] verify = links(mail(customer, 0)).get(0);
    HttpResponse<String> shown = send(to(verify[0]));
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body()).contains("<form method=\"post\" action=\"verify\">");
    HttpResponse<String> confirmed = send(form("/requests/verify", "token=" + verify[1]));
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(confirmed.body()).contains("din begäran är bekräftad");

    // Nobody by that address in any system: the answer says so, with no links.
    JsonNode answer = mail(customer, 1);
    assertThat(answer.get("body").get("text").asText()).doesNotContain("/requests/download");
  }

  @Test
  void aMailedRequestIsConfirmedByItsLinkAndAnsweredWithAnExtractThatExpires() throws Exception {
    String customer = "karin.kund@example.se";
    DynamoDbClient dynamo = stack.cloud().emulators().endpoints().dynamoDbClient();
    String table = stack.cloud().physicalName("PrivacyTable");
    order(customer, "F-2026-1187", "2026-11-20T09:14:58Z");

    // The customer writes from an ordinary mail program.
    byte[] message = ("From: Karin Kund <" + customer + ">\r\nTo: info@npprod.se\r\n"
        + "Subject: =?UTF-8?Q?Beg=C3=A4ran_om_registerutdrag?=\r\nMessage-ID: <e2e-" + System.nanoTime() + "@example.se>\r\n"
        + "Date: Wed, 25 Nov 2026 10:15:28 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
        + "Content-Transfer-Encoding: 8bit\r\n\r\nHej, jag vill ha ett registerutdrag.\r\n\r\nVänliga hälsningar\r\nKarin\r\n")
        .getBytes(StandardCharsets.UTF_8);
    SmartClient smtp = SmartClient.createAndConnect("127.0.0.1", stack.smtpInbox().orElseThrow().port(), "mail.example.se");
    try {
      smtp.from(customer);
      smtp.to("info@npprod.se");
      smtp.dataStart();
      smtp.dataWrite(message);
      smtp.dataEnd();
    } finally {
      smtp.quit();
    }

    JsonNode confirmation = mail(customer, 0);
    assertThat(confirmation.get("subject").asText()).startsWith("Bekräfta din begäran");
    String[] verify = links(confirmation).get(0);
    assertThat(send(to(verify[0])).body()).contains("registerutdrag", "<form method=\"post\"");
    HttpResponse<String> confirmed = send(form("/requests/verify", "token=" + verify[1]));
    assertThat(confirmed.statusCode()).isEqualTo(200);

    JsonNode extractMail = mail(customer, 1);
    assertThat(extractMail.get("subject").asText()).contains("registerutdrag");
    List<String[]> downloads = links(extractMail);
    assertThat(downloads).hasSize(2);
    String[] jsonLink = downloads.stream().filter(l -> {
      try {
        return send(to(l[0])).body().contains("maskinläsbara");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).findFirst().orElseThrow();

    HttpResponse<String> redirect = send(form("/requests/download", "token=" + jsonLink[1]));
    assertThat(redirect.statusCode()).isEqualTo(303);
    HttpResponse<String> file = send(HttpRequest.newBuilder(URI.create(redirect.headers().firstValue("Location").orElseThrow())));
    assertThat(file.statusCode()).isEqualTo(200);
    JsonNode extract = JSON.readTree(file.body());
    assertThat(extract.get("subject").get("email").asText()).isEqualTo(customer);
    assertThat(extract.toString()).contains("100234", "Kabelkanal vit 2 m", "Demodata från Kundsystemet (CRM)");

    // Seven days on: the link's entry says it has run out (moved there, as no clock can be moved
    // in the function's JVM), and nothing is served any more.
    dynamo.updateItem(b -> b.tableName(table)
        .key(Map.of("pk", AttributeValue.fromS("DL#" + VerificationToken.hash(jsonLink[1])), "sk", AttributeValue.fromS("DOWNLOAD")))
        .updateExpression("SET validUntil = :past")
        .expressionAttributeValues(Map.of(":past", AttributeValue.fromS(Instant.now().minusSeconds(1).toString()))));
    assertThat(send(form("/requests/download", "token=" + jsonLink[1])).statusCode()).isEqualTo(410);
    assertThat(send(to(jsonLink[0])).body()).contains("Länken har gått ut");
  }

  @Test
  void aConfirmedErasureIsCarriedOutInEverySystemAndConfirmedKeepingOnlyTheInvoice() throws Exception {
    String customer = "radera.mig@example.se";
    DynamoDbClient dynamo = stack.cloud().emulators().endpoints().dynamoDbClient();
    String table = stack.cloud().physicalName("PrivacyTable");
    Map<String, AttributeValue> profile = order(customer, "F-2026-9001", "2026-11-20T09:14:58Z");

    send(form("/requests", "language=sv&email=" + customer.replace("@", "%40") + "&type=erasure&text="));
    String[] verify = links(mail(customer, 0)).get(0);
    assertThat(send(form("/requests/verify", "token=" + verify[1])).statusCode()).isEqualTo(200);

    // The logistics partner has no API: it is asked by mail, and confirms by its link.
    JsonNode asked = processorMail(customer);
    Matcher link = Pattern.compile("(/processors/confirm\\?token=([A-Za-z0-9_-]{43}))")
        .matcher(asked.get("body").get("text").asText());
    assertThat(link.find()).isTrue();
    assertThat(send(to(link.group(1))).body()).contains("Bekräfta radering", "name=\"name\"");
    HttpResponse<String> confirmed = send(form("/processors/confirm", "token=" + link.group(2) + "&name=Lena+Logistik"));
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(send(form("/processors/confirm", "token=" + link.group(2) + "&name=Lena+Logistik")).statusCode())
        .as("confirmed once").isEqualTo(409);

    JsonNode confirmation = mail(customer, 1);
    assertThat(confirmation.get("subject").asText()).startsWith("Dina personuppgifter är raderade");
    List<Map<String, AttributeValue>> left = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", profile.get("pk")))).items();
    assertThat(left).singleElement().satisfies(invoice -> {
      assertThat(invoice.get("sk").s()).isEqualTo("INV#F-2026-9001");
      assertThat(invoice.get("restricted").bool()).isTrue();
    });
  }

  @Test
  void theTwentyFourMonthRuleErasesAPersonOnTheirDayThroughTheSameFanOutAndMailsThemNothing() throws Exception {
    String customer = "tjugofyra.manader@example.se";
    DynamoDbClient dynamo = stack.cloud().emulators().endpoints().dynamoDbClient();
    String table = stack.cloud().physicalName("PrivacyTable");
    // An order of its own day, so that no other test's customer reaches 24 months with this one.
    Map<String, AttributeValue> profile = order(customer, "F-2026-2401", "2026-10-07T09:30:00Z");
    LocalDate deadline = LocalDate.parse(profile.get("deadline").s());
    assertThat(deadline).isEqualTo(LocalDate.parse("2028-10-07"));

    // As `./dev run-schedule RetentionFunction <day>` runs it: the schedule's input, the day added.
    LocalScheduler scheduler = stack.scheduler();
    JsonNode dayBefore = retentionRun(scheduler, deadline.minusDays(1));
    assertThat(dayBefore.get("subjectsDue").asInt()).isZero();
    JsonNode onTheDay = retentionRun(scheduler, deadline);
    assertThat(onTheDay.get("subjectsDue").asInt()).isEqualTo(1);
    assertThat(onTheDay.get("erasuresEnqueued").asInt()).isEqualTo(1);

    // The same fan-out as a requested erasure: the logistics partner is asked, and confirms.
    JsonNode asked = processorMail(customer);
    Matcher link = Pattern.compile("/processors/confirm\\?token=([A-Za-z0-9_-]{43})").matcher(asked.get("body").get("text").asText());
    assertThat(link.find()).isTrue();
    assertThat(send(form("/processors/confirm", "token=" + link.group(1) + "&name=Lena+Logistik")).statusCode()).isEqualTo(200);

    List<Map<String, AttributeValue>> left = await("the person erased", () -> {
      List<Map<String, AttributeValue>> items = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
          .expressionAttributeValues(Map.of(":pk", profile.get("pk")))).items();
      return items.stream().anyMatch(i -> i.get("sk").s().equals("PROFILE")) ? null : items;
    });
    assertThat(left).singleElement().satisfies(invoice -> assertThat(invoice.get("restricted").bool()).isTrue());
    await("the tombstone", () -> dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("T#" + profile.get("pk").s().substring(2)))))
        .items().stream().findFirst().orElse(null));
    assertThat(SentMail.to(stack.cloud().emulators().endpoints(), customer)).as("nobody asked: nobody is mailed").isEmpty();
    assertThat(retentionRun(scheduler, deadline).get("alreadyDone").asBoolean()).as("a second run that day does nothing")
        .isTrue();
  }

  private static JsonNode retentionRun(LocalScheduler scheduler, LocalDate day) throws Exception {
    LocalScheduler.Run run = scheduler.runNow(scheduler.find("RetentionFunction"), Optional.of(day)).get();
    assertThat(run.outcome()).isInstanceOf(RuntimeApi.Outcome.Response.class);
    return JSON.readTree(((RuntimeApi.Outcome.Response) run.outcome()).payload());
  }
}
