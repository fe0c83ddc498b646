package se.npprod.privacy.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.SubjectTable;
import se.npprod.privacy.core.subject.ActivityEvents;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.RecordActivity;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.LocalContext;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import se.npprod.privacy.local.emulators.RepoRoot;
import se.npprod.privacy.local.emulators.SentMail;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * IntakeFunction as Lambda builds it (no-argument constructor, the template's environment), with
 * dynoxide, ElasticMQ, aws-ses-v2-local and the local Secrets Manager behind it: the form, the
 * mail with its link, the link's page, the confirmation, and what it all costs a caller.
 */
@ExtendWith(EmulatorsExtension.class)
class IntakeHandlerTest {
  private static final Pattern LINK = Pattern.compile("http://localhost:3000/requests/verify\\?token=([A-Za-z0-9_-]{43})");

  private IntakeHandler handler;
  private DynamoDbClient dynamo;
  private SqsClient sqs;
  private LocalCloud cloud;
  private String table;

  @BeforeEach
  void startFunction(LocalCloud cloud) throws Exception {
    this.cloud = cloud;
    cloud.parameter("PublicApiUrl", "http://localhost:3000");
    Template.Function function = cloud.template().functions().stream()
        .filter(f -> f.logicalId().equals("IntakeFunction")).findFirst().orElseThrow();
    cloud.environment(function).forEach(System::setProperty);
    handler = new IntakeHandler();
    dynamo = cloud.emulators().endpoints().dynamoDbClient();
    sqs = cloud.emulators().endpoints().sqsClient();
    table = cloud.physicalName("PrivacyTable");
    SentMail.clear(cloud.emulators().endpoints());
    sqs.purgeQueue(b -> b.queueUrl(cloud.physicalName("ExtractQueue")));
  }

  private static APIGatewayV2HTTPEvent event(String name) {
    return EventLoader.loadApiGatewayHttpEvent(RepoRoot.find().resolve("events/intake").resolve(name).toString());
  }

  private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
    return handler.handleRequest(event, new LocalContext("IntakeFunction", 10));
  }

  private static APIGatewayV2HTTPEvent form(String email, String type, String sourceIp) {
    APIGatewayV2HTTPEvent e = event("submit-request.json");
    e.setBody("{\"email\":\"" + email + "\",\"type\":\"" + type + "\",\"text\":\"\",\"language\":\"sv\"}");
    e.getRequestContext().getHttp().setSourceIp(sourceIp);
    return e;
  }

  private List<JsonNode> outbox() {
    return SentMail.all(cloud.emulators().endpoints());
  }

  private static String token(JsonNode mail) {
    Matcher m = LINK.matcher(mail.get("body").get("text").asText());
    assertThat(m.find()).as("the mail carries a confirmation link").isTrue();
    return m.group(1);
  }

  private static APIGatewayV2HTTPEvent open(String token) {
    APIGatewayV2HTTPEvent e = event("open-confirmation-link.json");
    e.setQueryStringParameters(Map.of("token", token));
    return e;
  }

  private static APIGatewayV2HTTPEvent confirm(String token) {
    APIGatewayV2HTTPEvent e = event("confirm.json");
    e.setBody("token=" + token);
    return e;
  }

  private Map<String, AttributeValue> request(String token) {
    String hash = se.npprod.privacy.core.request.VerificationToken.hash(token);
    String id = dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("TOKEN#" + hash),
        "sk", AttributeValue.fromS("TOKEN")))).item().get("requestId").s();
    return dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("R#" + id),
        "sk", AttributeValue.fromS("REQUEST")))).item();
  }

  @Test
  void aFormRequestIsConfirmedByTheLinkMailedToTheAddressAndThenHandedOn() throws Exception {
    APIGatewayV2HTTPResponse received = call(event("submit-request.json"));

    assertThat(received.getStatusCode()).isEqualTo(202);
    assertThat(received.getBody()).contains("\"status\":\"received\"").doesNotContain("anna");
    List<JsonNode> mails = outbox();
    assertThat(mails).hasSize(1);
    JsonNode mail = mails.get(0);
    assertThat(mail.get("destination").get("to").get(0).asText()).isEqualTo("anna.andersson@example.se");
    assertThat(mail.get("from").asText()).contains("info@npprod.se");
    assertThat(mail.get("subject").asText()).startsWith("Bekräfta din begäran (NP-");
    assertThat(mail.get("body").get("text").asText()).contains("registerutdrag", "Ärendenummer");
    String token = token(mail);
    assertThat(request(token).get("status").s()).isEqualTo("AWAITING_VERIFICATION");

    // Opening the link (as a mail scanner would) confirms nothing.
    APIGatewayV2HTTPResponse page = call(open(token));
    assertThat(page.getStatusCode()).isEqualTo(200);
    assertThat(page.getBody()).contains("Bekräfta din begäran", "<form method=\"post\"", "Confirm your request");
    assertThat(page.getHeaders()).containsEntry("Referrer-Policy", "no-referrer");
    assertThat(request(token).get("status").s()).isEqualTo("AWAITING_VERIFICATION");
    assertThat(sqs.receiveMessage(b -> b.queueUrl(cloud.physicalName("ExtractQueue"))).messages()).isEmpty();

    APIGatewayV2HTTPResponse confirmed = call(confirm(token));
    assertThat(confirmed.getStatusCode()).isEqualTo(200);
    assertThat(confirmed.getBody()).contains("din begäran är bekräftad", "registerutdraget");
    assertThat(request(token).get("status").s()).isEqualTo("VERIFIED");
    var handedOn = sqs.receiveMessage(b -> b.queueUrl(cloud.physicalName("ExtractQueue")).maxNumberOfMessages(10)).messages();
    assertThat(handedOn).hasSize(1);
    assertThat(handedOn.get(0).body()).contains("\"type\":\"access\"").doesNotContain("@");

    // A used link changes nothing and says so.
    APIGatewayV2HTTPResponse again = call(confirm(token));
    assertThat(again.getStatusCode()).isEqualTo(409);
    assertThat(again.getBody()).contains("redan använd");
    assertThat(sqs.receiveMessage(b -> b.queueUrl(cloud.physicalName("ExtractQueue"))).messages()).isEmpty();
  }

  @Test
  void aRequestInEnglishIsAnsweredInEnglish() {
    APIGatewayV2HTTPEvent e = event("submit-request.json");
    e.setBody("{\"email\":\"english@example.com\",\"type\":\"erasure\",\"language\":\"en\"}");

    assertThat(call(e).getStatusCode()).isEqualTo(202);

    JsonNode mail = SentMail.to(cloud.emulators().endpoints(), "english@example.com").get(0);
    assertThat(mail.get("subject").asText()).startsWith("Please confirm your request (NP-");
    assertThat(mail.get("body").get("text").asText()).contains("erasure of your personal data", "within 24 hours")
        .doesNotContain("Hej");
    assertThat(mail.get("body").get("html").asText()).contains("<html lang=\"en\">");
  }

  private static APIGatewayV2HTTPEvent extension(String requestId, String reasons, String callerArn) {
    APIGatewayV2HTTPEvent e = event("submit-request.json");
    e.setRouteKey("POST /team/requests/{requestId}/extension");
    e.setPathParameters(Map.of("requestId", requestId));
    e.getHeaders().remove("origin");
    e.setBody("{\"reasons\":\"" + reasons + "\"}");
    if (callerArn != null) {
      APIGatewayV2HTTPEvent.RequestContext.IAM iam = new APIGatewayV2HTTPEvent.RequestContext.IAM();
      iam.setUserArn(callerArn);
      APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
      authorizer.setIam(iam);
      e.getRequestContext().setAuthorizer(authorizer);
    }
    return e;
  }

  @Test
  void thePrivacyTeamExtendsTheDeadlineOnceAndThePersonIsToldWhy() {
    call(form("forlang@example.se", "access", "192.0.2.77"));
    String token = token(SentMail.to(cloud.emulators().endpoints(), "forlang@example.se").get(0));
    String id = request(token).get("pk").s().substring(2);
    String team = "arn:aws:iam::123456789012:user/integritetsteamet";

    APIGatewayV2HTTPResponse unsigned = call(extension(id, "Många ärenden just nu.", null));
    APIGatewayV2HTTPResponse extended = call(extension(id, "Vi behöver hämta uppgifter från ett arkiv.", team));
    APIGatewayV2HTTPResponse again = call(extension(id, "En gång till.", team));

    assertThat(unsigned.getStatusCode()).isEqualTo(403);
    assertThat(extended.getStatusCode()).isEqualTo(200);
    assertThat(extended.getBody()).contains("\"outcome\":\"extended\"");
    assertThat(again.getStatusCode()).isEqualTo(409);
    assertThat(SentMail.to(cloud.emulators().endpoints(), "forlang@example.se")).last().satisfies(m -> {
      assertThat(m.get("subject").asText()).startsWith("Vi behöver längre tid för din begäran");
      assertThat(m.get("body").get("text").asText()).contains("Vi behöver hämta uppgifter från ett arkiv.", "IMY");
    });
    assertThat(request(token).get("dueDate").s()).isEqualTo(request(token).get("dueDay").s());
  }

  /** A privacy-team call as API Gateway passes it after IAM: the sample's caller, or none. */
  private static APIGatewayV2HTTPEvent team(String sample, String requestId, String body, boolean signed) {
    APIGatewayV2HTTPEvent e = event(sample);
    e.setPathParameters(Map.of("requestId", requestId));
    e.setBody(body);
    if (!signed) {
      e.getRequestContext().setAuthorizer(null);
    }
    return e;
  }

  /** A request of {@code type} from {@code email}, confirmed by its link: its id. */
  private String verified(String email, String type, String sourceIp) {
    APIGatewayV2HTTPEvent e = form(email, type, sourceIp);
    e.setBody("{\"email\":\"" + email + "\",\"type\":\"" + type + "\",\"text\":\"Mitt namn är felstavat.\"}");
    assertThat(call(e).getStatusCode()).isEqualTo(202);
    String token = token(SentMail.to(cloud.emulators().endpoints(), email).get(0));
    assertThat(call(confirm(token)).getStatusCode()).isEqualTo(200);
    return request(token).get("pk").s().substring(2);
  }

  private List<String> planMessages(String requestId) {
    List<String> bodies = new ArrayList<>();
    List<Message> got;
    do {
      got = sqs.receiveMessage(b -> b.queueUrl(cloud.physicalName("ErasureQueue")).maxNumberOfMessages(10)).messages();
      got.stream().map(Message::body).filter(m -> m.contains(requestId))
          .forEach(bodies::add);
    } while (!got.isEmpty());
    return bodies;
  }

  @Test
  void thePrivacyTeamConfirmsARectificationsFieldsAndItIsHandedToTheErasureQueue() {
    String id = verified("rattelse@example.se", "rectification", "192.0.2.90");
    String access = verified("utdrag.rattelse@example.se", "access", "192.0.2.91");
    assertThat(planMessages(id)).as("not on verification: a person reads it first").isEmpty();

    APIGatewayV2HTTPResponse unsigned = call(team("confirm-rectification.json", id, "{\"fields\":{\"name\":\"Rut Berg\"}}", false));
    APIGatewayV2HTTPResponse bad = call(team("confirm-rectification.json", id,
        "{\"fields\":{\"address\":\"Storgatan 1\",\"email\":\"ny@example.se\",\"phone\":\"ring mig\"}}", true));
    APIGatewayV2HTTPResponse none = call(team("confirm-rectification.json", id, "{\"fields\":{}}", true));
    APIGatewayV2HTTPResponse badId = call(team("confirm-rectification.json", "../../x", "{\"fields\":{\"name\":\"X\"}}", true));
    APIGatewayV2HTTPResponse notRectification = call(team("confirm-rectification.json", access,
        "{\"fields\":{\"name\":\"X\"}}", true));
    APIGatewayV2HTTPResponse unknown = call(team("confirm-rectification.json", "a".repeat(26), "{\"fields\":{\"name\":\"X\"}}", true));
    APIGatewayV2HTTPResponse planned = call(team("confirm-rectification.json", id,
        "{\"fields\":{\"phone\":\"+46 70 999 88 77\",\"name\":\"Rut Berg\"}}", true));

    assertThat(unsigned.getStatusCode()).isEqualTo(403);
    assertThat(bad.getStatusCode()).isEqualTo(400);
    assertThat(bad.getHeaders().get("Content-Type")).isEqualTo("application/problem+json");
    assertThat(bad.getBody()).contains("fields.address", "fields.email", "fields.phone").doesNotContain("Storgatan", "ring mig");
    assertThat(none.getStatusCode()).isEqualTo(400);
    assertThat(badId.getStatusCode()).isEqualTo(400);
    assertThat(notRectification.getStatusCode()).isEqualTo(409);
    assertThat(unknown.getStatusCode()).isEqualTo(404);
    assertThat(planned.getStatusCode()).isEqualTo(200);
    assertThat(planned.getBody()).isEqualTo("{\"outcome\":\"planned\",\"fields\":[\"name\",\"phone\"]}");
    assertThat(planMessages(id)).singleElement().satisfies(m -> assertThat(m).contains("\"action\":\"plan\"")
        .doesNotContain("Berg"));
    Map<String, AttributeValue> corrected = dynamo.getItem(b -> b.tableName(table).key(Map.of(
        "pk", AttributeValue.fromS("R#" + id), "sk", AttributeValue.fromS("CORRECTION")))).item();
    assertThat(corrected.get("fields").m().get("name").s()).isEqualTo("Rut Berg");
    assertThat(corrected.get("expiresAt").n()).isEqualTo(dynamo.getItem(b -> b.tableName(table).key(Map.of(
        "pk", AttributeValue.fromS("R#" + id), "sk", AttributeValue.fromS("REQUEST")))).item().get("expiresAt").n());
  }

  @Test
  void thePrivacyTeamLiftsACompletedRestrictionOnlyAfterThePersonIsToldAndOnce() {
    String email = "begransad@example.se";
    String id = verified(email, "restriction", "192.0.2.92");
    String rectification = verified("inte.begransad@example.se", "rectification", "192.0.2.93");
    String reason = "Vi har kontrollerat uppgifterna du ifrågasatte, och de är riktiga.";
    APIGatewayV2HTTPResponse tooEarly = call(team("lift-restriction.json", id, "{\"reason\":\"" + reason + "\"}", true));
    // As ErasureFunction leaves it once every system has the restriction.
    RequestTable requests = new RequestTable(dynamo, table, ZoneId.of("Europe/Stockholm"));
    requests.transition(id, RequestStatus.VERIFIED, RequestStatus.IN_PROGRESS, Optional.empty(),
        AuditEvent.of(id, Instant.now(), "erasure-started"));
    requests.transition(id, RequestStatus.IN_PROGRESS, RequestStatus.COMPLETED, Optional.empty(),
        AuditEvent.of(id, Instant.now(), "restriction-completed"));

    APIGatewayV2HTTPResponse unsigned = call(team("lift-restriction.json", id, "{\"reason\":\"" + reason + "\"}", false));
    APIGatewayV2HTTPResponse noReason = call(team("lift-restriction.json", id, "{\"reason\":\" \"}", true));
    APIGatewayV2HTTPResponse tooLong = call(team("lift-restriction.json", id, "{\"reason\":\"" + "x".repeat(2001) + "\"}", true));
    APIGatewayV2HTTPResponse wrongType = call(team("lift-restriction.json", rectification, "{\"reason\":\"Skäl.\"}", true));
    int mailsBefore = SentMail.to(cloud.emulators().endpoints(), email).size();
    APIGatewayV2HTTPResponse scheduled = call(team("lift-restriction.json", id, "{\"reason\":\"" + reason + "\"}", true));
    APIGatewayV2HTTPResponse again = call(team("lift-restriction.json", id, "{\"reason\":\"Ett annat skäl.\"}", true));

    assertThat(tooEarly.getStatusCode()).as("a restriction not yet in force").isEqualTo(409);
    assertThat(unsigned.getStatusCode()).isEqualTo(403);
    assertThat(noReason.getStatusCode()).isEqualTo(400);
    assertThat(tooLong.getStatusCode()).isEqualTo(400);
    assertThat(wrongType.getStatusCode()).isEqualTo(409);
    assertThat(scheduled.getStatusCode()).isEqualTo(200);
    assertThat(scheduled.getBody()).startsWith("{\"outcome\":\"scheduled\",\"liftAt\":\"");
    assertThat(again.getStatusCode()).isEqualTo(409);
    assertThat(again.getBody()).contains("lift-already-scheduled");
    List<JsonNode> mails = SentMail.to(cloud.emulators().endpoints(), email);
    assertThat(mails).as("one notice, before anything is lifted").hasSize(mailsBefore + 1);
    assertThat(mails).last().satisfies(m -> {
      assertThat(m.get("subject").asText()).startsWith("Begränsningen av behandlingen av dina personuppgifter hävs");
      assertThat(m.get("body").get("text").asText()).contains(reason, "IMY", "the restriction will be lifted on");
    });
    assertThat(dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("R#" + id),
        "sk", AttributeValue.fromS("FOLLOWUP#restriction-lift")))).item()).containsKey("dueDay");
  }

  /** A privacy-team call to place a hold, with the sample's IAM caller or none. */
  private static APIGatewayV2HTTPEvent hold(String body, boolean signed) {
    APIGatewayV2HTTPEvent e = event("place-hold.json");
    e.setBody(body);
    if (!signed) {
      e.getRequestContext().setAuthorizer(null);
    }
    return e;
  }

  @Test
  void thePrivacyTeamPlacesALegalHoldThatKeepsAPersonPastTheirDeadlineAndRevealsNothing() {
    String email = "tvist.hold@example.se";
    SubjectKeys keys = new SubjectKeys(cloud.emulators().secrets().value("SubjectKeySecret").orElseThrow()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    new RecordActivity(se.npprod.privacy.policy.BundledPolicy.policy(), keys, new SubjectTable(dynamo, table))
        .record(ActivityEvents.read("npprod.webshop", ActivityEvents.SUPPORT_CONTACT, "hold-" + System.nanoTime(),
            Map.of("caseId", "S-77", "contactedAt", Instant.now().toString(), "channel", "email",
                "customer", Map.of("email", email), "subject", "Leverans", "summary", "Kunden saknar en vara.")));
    String subject = keys.of(EmailAddress.parse(email).orElseThrow());
    String body = "{\"email\":\"" + email + "\",\"reason\":\"Tvist om leverans, ärende 77\",\"until\":\"2029-06-30\"}";

    assertThat(call(hold(body, false)).getStatusCode()).isEqualTo(403);
    APIGatewayV2HTTPResponse bad = call(hold("{\"email\":\"inte en adress\",\"reason\":\"\",\"until\":\"30/6\"}", true));
    assertThat(bad.getStatusCode()).isEqualTo(400);
    assertThat(bad.getBody()).contains("\"email\"", "\"reason\"", "\"until\"");
    assertThat(dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("H#" + subject),
        "sk", AttributeValue.fromS("HOLD")))).item()).as("nothing written before a valid call").isEmpty();

    APIGatewayV2HTTPResponse tooFar = call(hold(body.replace("2029-06-30", "2099-06-30"), true));
    assertThat(tooFar.getStatusCode()).isEqualTo(400);
    assertThat(tooFar.getBody()).contains("\"until\"", "years ahead");
    APIGatewayV2HTTPResponse placed = call(hold(body, true));
    assertThat(placed.getStatusCode()).isEqualTo(200);
    assertThat(placed.getBody()).isEqualTo("{\"outcome\":\"placed\",\"until\":\"2029-06-30\"}");
    Map<String, AttributeValue> held = dynamo.getItem(b -> b.tableName(table).key(Map.of("pk",
        AttributeValue.fromS("H#" + subject), "sk", AttributeValue.fromS("HOLD")))).item();
    assertThat(held.get("until").s()).isEqualTo("2029-06-30");
    assertThat(held.get("setBy").s()).isEqualTo("arn:aws:iam::123456789012:user/integritetsteamet");
    List<Map<String, AttributeValue>> items = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("S#" + subject)))).items();
    assertThat(items).filteredOn(i -> i.get("sk").s().equals("PROFILE")).singleElement()
        .satisfies(p -> assertThat(p.get("dueDay").s()).as("listed again the day after the hold").isEqualTo("2029-07-01"));
    long kept = java.time.LocalDate.parse("2029-07-02").atStartOfDay(ZoneId.of("Europe/Stockholm")).toEpochSecond();
    assertThat(items).allSatisfy(i -> assertThat(Long.parseLong(i.get("expiresAt").n()))
        .as(i.get("sk").s() + ": TTL keeps what the hold keeps").isGreaterThanOrEqualTo(kept));

    // An address we hold nothing about gets the same answer: the route tells nobody who is a customer.
    APIGatewayV2HTTPResponse stranger = call(hold(body.replace(email, "ingen.alls@example.se"), true));
    assertThat(stranger.getStatusCode()).isEqualTo(200);
    assertThat(stranger.getBody()).isEqualTo(placed.getBody());
  }

  @Test
  void anUnknownOrMalformedTokenGetsAClearPageAndChangesNothing() {
    APIGatewayV2HTTPResponse unknown = call(open("A".repeat(43)));
    APIGatewayV2HTTPResponse malformed = call(open("<script>"));
    APIGatewayV2HTTPResponse confirmUnknown = call(confirm("B".repeat(43)));

    assertThat(unknown.getStatusCode()).isEqualTo(404);
    assertThat(unknown.getBody()).contains("Länken känns inte igen").doesNotContain("<form");
    assertThat(malformed.getStatusCode()).isEqualTo(404);
    assertThat(malformed.getBody()).doesNotContain("<script>");
    assertThat(confirmUnknown.getStatusCode()).isEqualTo(404);
  }

  @Test
  void theFormAnswersTheSameForEveryAddressAndMailsOneAddressAtMostThreeTimesADay() throws Exception {
    String first = null;
    for (int i = 0; i < 5; i++) {
      APIGatewayV2HTTPResponse r = call(form("bertil@example.se", i % 2 == 0 ? "erasure" : "objection", "198.51.100." + i));
      assertThat(r.getStatusCode()).isEqualTo(202);
      first = first == null ? r.getBody() : first;
      assertThat(r.getBody()).isEqualTo(first);
    }
    APIGatewayV2HTTPResponse stranger = call(form("nobody-we-know@example.org", "erasure", "198.51.100.9"));

    assertThat(stranger.getBody()).isEqualTo(first);
    long toBertil = outbox().stream().filter(m -> m.get("destination").get("to").get(0).asText().equals("bertil@example.se")).count();
    assertThat(toBertil).isEqualTo(3);
  }

  @Test
  void aSecondRequestOfTheSameTypeJoinsTheOpenOneAndAnotherTypeIsItsOwn() throws Exception {
    call(form("cecilia@example.se", "erasure", "192.0.2.10"));
    call(form("cecilia@example.se", "erasure", "192.0.2.11"));
    call(form("cecilia@example.se", "restriction", "192.0.2.12"));

    List<JsonNode> mails = outbox();
    assertThat(mails).hasSize(3);
    String a = request(token(mails.get(0))).get("pk").s();
    String b = request(token(mails.get(1))).get("pk").s();
    String c = request(token(mails.get(2))).get("pk").s();
    assertThat(b).as("the second erasure request joined the first").isEqualTo(a);
    assertThat(c).isNotEqualTo(a);
  }

  @Test
  void oneNetworkGets429AfterThePolicysFormPostsAnHourAndNothingIsRecorded() {
    int allowed = 20;
    for (int i = 0; i < allowed; i++) {
      assertThat(call(form("d" + i + "@example.se", "access", "10.20.30." + (i + 1))).getStatusCode()).isEqualTo(202);
    }
    APIGatewayV2HTTPResponse refused = call(form("d99@example.se", "access", "10.20.30.250"));

    assertThat(refused.getStatusCode()).isEqualTo(429);
    assertThat(refused.getHeaders()).containsKey("Retry-After");
    assertThat(refused.getHeaders().get("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void hostileBodiesGetAProblemAnswerAndWriteNothing() {
    long before = requestsAndTokens();
    String[] bodies = {"", "[]", "{\"email\":1}", "{\"email\":\"not-an-address\",\"type\":\"access\"}",
        "{\"email\":\"a@example.se\",\"type\":\"hack\"}", "{\"email\":\"a@example.se\",\"type\":\"access\"} {}",
        "{\"email\":\"a@example.se\",\"type\":\"other\"}", "{" + "\"x\":\"y\",".repeat(3000) + "}"};
    for (String body : bodies) {
      APIGatewayV2HTTPEvent e = event("submit-request.json");
      e.setBody(body);
      APIGatewayV2HTTPResponse r = call(e);
      assertThat(r.getStatusCode()).as(body.length() > 60 ? body.substring(0, 60) : body).isBetween(400, 499);
      assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/problem+json");
    }
    APIGatewayV2HTTPEvent xml = event("submit-request.json");
    xml.getHeaders().put("content-type", "application/xml");
    assertThat(call(xml).getStatusCode()).isEqualTo(415);

    assertThat(requestsAndTokens()).as("no request or token was written").isEqualTo(before);
  }

  private long requestsAndTokens() {
    return dynamo.scan(b -> b.tableName(table)).items().stream()
        .filter(i -> i.get("pk").s().startsWith("R#") || i.get("pk").s().startsWith("TOKEN#")).count();
  }
}
