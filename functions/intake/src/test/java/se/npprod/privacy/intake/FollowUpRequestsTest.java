package se.npprod.privacy.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.ErasureTable;
import se.npprod.privacy.aws.HttpErasure;
import se.npprod.privacy.aws.HttpExports;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.SecretProcessorContacts;
import se.npprod.privacy.aws.SesOutbox;
import se.npprod.privacy.aws.SubjectTable;
import se.npprod.privacy.aws.SubjectTableEraser;
import se.npprod.privacy.core.erasure.ErasurePlans;
import se.npprod.privacy.core.erasure.ErasureQueue;
import se.npprod.privacy.core.erasure.ErasureTask;
import se.npprod.privacy.core.erasure.FollowUpProcessors;
import se.npprod.privacy.core.erasure.Identifiers;
import se.npprod.privacy.core.erasure.LiftRestrictions;
import se.npprod.privacy.core.erasure.PlanErasure;
import se.npprod.privacy.core.erasure.RunErasureTask;
import se.npprod.privacy.core.erasure.ScheduleRestrictionLift;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.FollowUpRequests;
import se.npprod.privacy.core.request.NewRequest;
import se.npprod.privacy.core.request.RequestMails;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.request.SubmitRequest;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.core.request.VerifyRequest;
import se.npprod.privacy.core.subject.ActivityEvents;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.RecordActivity;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.core.testing.MutableClock;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.LocalContext;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import se.npprod.privacy.local.emulators.RepoRoot;
import se.npprod.privacy.local.emulators.SentMail;
import se.npprod.privacy.policy.BundledPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The clock of unconfirmed requests, driven by a movable clock over dynoxide and the SES emulator:
 * a reminder after a day, a close as not verified when the link runs out, nothing for a request
 * that was confirmed. And the clock of a processor asked by mail to erase: a reminder 12 hours
 * before the erasure's target, the privacy team told 4 hours before, nothing once it confirmed.
 */
@ExtendWith(EmulatorsExtension.class)
class FollowUpRequestsTest {
  private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");
  private static final Policy POLICY = BundledPolicy.policy();
  private static final EmailAddress TEAM = EmailAddress.parse("integritetsteamet@npprod.example").orElseThrow();
  private static final String LOGISTICS = "radering@logistik.example";
  private static final Pattern PROCESSOR_TOKEN = Pattern.compile("/processors/confirm\\?token=([A-Za-z0-9_-]{43})");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SubjectKeys KEYS = new SubjectKeys("f".repeat(32).getBytes(StandardCharsets.UTF_8));

  private LocalCloud cloud;
  private MutableClock clock;
  private RequestTable table;
  private SubmitRequest submit;
  private SubjectKeys keys;
  private VerifyRequest verify;
  private FollowUpRequests followUps;
  private ErasureTable plans;
  /** The connector secret's value as this test has it: the logistics partner's contact. */
  private final String connectors = "{\"logistics\":{\"email\":\"" + LOGISTICS + "\"}}";
  private PlanErasure planErasure;
  private RunErasureTask runErasure;
  private IntakeHandler intake;
  /** The erasure queue: what planning and a processor's confirmation put on it. */
  private final List<ErasureTask> queued = new ArrayList<>();

  @BeforeEach
  void wire(LocalCloud cloud) throws Exception {
    this.cloud = cloud;
    cloud.emulators().endpoints().environment().forEach(System::setProperty);
    // Far from other tests' days: follow-ups are listed by day.
    clock = new MutableClock(Instant.parse("2031-03-02T09:00:00Z"));
    table = new RequestTable(cloud.emulators().endpoints().dynamoDbClient(), cloud.physicalName("PrivacyTable"),
        POLICY.timezone());
    SesOutbox outbox = new SesOutbox(AwsClients.sesV2(), "NP Produkter <info@npprod.se>", Optional.empty());
    VerificationLinks links = VerificationLinks.under("http://localhost:3000");
    SubjectKeys keys = new SubjectKeys("f".repeat(32).getBytes(StandardCharsets.UTF_8));
    submit = new SubmitRequest(POLICY, keys, table, outbox, links, clock);
    this.keys = keys;
    verify = new VerifyRequest(POLICY, table, verified -> { }, clock);
    plans = new ErasureTable(cloud.emulators().endpoints().dynamoDbClient(), cloud.physicalName("PrivacyTable"),
        POLICY.timezone());
    followUps = new FollowUpRequests(POLICY, table, outbox, links, new FollowUpProcessors(POLICY, table, plans,
        new SecretProcessorContacts(() -> connectors, clock), links, outbox, TEAM), clock);
    var dynamo = cloud.emulators().endpoints().dynamoDbClient();
    String tableName = cloud.physicalName("PrivacyTable");
    SubjectTable subjects = new SubjectTable(dynamo, tableName);
    ErasureQueue queue = new ErasureQueue() {
      @Override
      public void plan(String requestId) {
      }

      @Override
      public void send(List<ErasureTask> tasks) {
        queued.addAll(tasks);
      }
    };
    planErasure = new PlanErasure(POLICY, table, subjects, plans, queue, clock);
    // Only the logistics task is run here: the other systems' connectors are wired but never called.
    runErasure = new RunErasureTask(POLICY, table, plans, new SubjectTableEraser(dynamo, tableName,
        POLICY.retention().bookkeeping()), subjects, new HttpErasure(() -> connectors, clock),
        new HttpExports(() -> connectors, clock), new SecretProcessorContacts(() -> connectors, clock), links, outbox,
        clock);
    intake = new IntakeHandler(POLICY, keys, table, outbox, verified -> { }, links, null, plans, queue, null, clock);
    SentMail.clear(cloud.emulators().endpoints());
    followUps.run(); // whatever an earlier test left on these days
  }

  private String request(String email) {
    return submit.submit(new NewRequest(Channel.WEB, EmailAddress.parse(email).orElseThrow(), RequestType.ERASURE,
        List.of("form:erasure"), Optional.empty(), "sv", "", "", Optional.empty(), clock.instant())).requestId();
  }

  private List<JsonNode> mailsTo(String email) {
    return SentMail.to(cloud.emulators().endpoints(), email);
  }

  private static String token(JsonNode mail) {
    Matcher m = TOKEN.matcher(mail.get("body").get("text").asText());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void anUnconfirmedRequestIsRemindedOnceAfterADayAndClosedAsNotVerifiedWhenTheLinkRunsOut() throws Exception {
    String id = request("glomsk@example.se");
    String firstToken = token(mailsTo("glomsk@example.se").get(0));

    clock.advance(Duration.ofHours(23));
    assertThat(followUps.run().reminded()).as("not before a day has passed").isZero();
    clock.advance(Duration.ofHours(2));
    assertThat(followUps.run().reminded()).isEqualTo(1);
    assertThat(followUps.run().reminded()).as("only once").isZero();
    List<JsonNode> mails = mailsTo("glomsk@example.se");
    assertThat(mails).hasSize(2);
    assertThat(mails.get(1).get("subject").asText()).startsWith("Påminnelse: bekräfta din begäran");
    assertThat(token(mails.get(1))).isNotEqualTo(firstToken);

    clock.advance(java.time.Period.ofDays(6));
    assertThat(followUps.run().expired()).isEqualTo(1);

    assertThat(table.request(id).orElseThrow().status()).isEqualTo(RequestStatus.EXPIRED);
    assertThat(mailsTo("glomsk@example.se")).last().satisfies(m -> {
      assertThat(m.get("subject").asText()).startsWith("Din begäran har avslutats");
      assertThat(m.get("body").get("text").asText()).contains("utan att lämna ut, ändra eller radera något");
    });
    assertThat(verify.confirm(firstToken).state()).isEqualTo(VerifyRequest.State.EXPIRED);
    assertThat(verify.confirm(token(mails.get(1))).state()).isEqualTo(VerifyRequest.State.EXPIRED);
  }

  @Test
  void aConfirmedRequestGetsNoReminderAndIsNotClosed() throws Exception {
    String id = request("snabb@example.se");
    assertThat(verify.confirm(token(mailsTo("snabb@example.se").get(0))).state()).isEqualTo(VerifyRequest.State.VERIFIED);

    clock.advance(java.time.Period.ofDays(8));
    FollowUpRequests.Report report = followUps.run();

    assertThat(report.reminded()).isZero();
    assertThat(report.expired()).isZero();
    assertThat(mailsTo("snabb@example.se")).hasSize(1);
    assertThat(table.request(id).orElseThrow().status()).isEqualTo(RequestStatus.VERIFIED);
  }

  @Test
  void aClosedRequestFreesItsSlotSoANewRequestOfTheSameTypeIsItsOwn() throws Exception {
    String first = request("igen@example.se");
    clock.advance(java.time.Period.ofDays(8));
    followUps.run();

    String second = request("igen@example.se");

    assertThat(second).isNotEqualTo(first);
    assertThat(table.request(second).orElseThrow().status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);
  }

  @Test
  void anExtensionIsPossibleOnlyWithinTheFirstMonthAndMovesTheDueDateByTwoMonths() throws Exception {
    String id = request("arkiv@example.se");
    verify.confirm(token(mailsTo("arkiv@example.se").get(0)));
    se.npprod.privacy.core.request.ExtendDeadline extend = new se.npprod.privacy.core.request.ExtendDeadline(
        POLICY, table, mail -> { }, clock);
    java.time.LocalDate due = table.request(id).orElseThrow().dueDate();

    clock.advance(java.time.Period.ofDays(20));
    var extended = extend.extend(id, "Många förfrågningar.", "arn:aws:iam::123456789012:user/team");
    String late = request("sen@example.se");
    clock.advance(java.time.Period.ofMonths(1).plusDays(3));
    var tooLate = extend.extend(late, "För sent.", "arn:aws:iam::123456789012:user/team");

    assertThat(extended.outcome()).isEqualTo(se.npprod.privacy.core.request.ExtendDeadline.Outcome.EXTENDED);
    // Received 2 March 2031: due 2 April, extended to 2 June (a Monday).
    assertThat(due).isEqualTo(java.time.LocalDate.of(2031, 4, 2));
    assertThat(table.request(id).orElseThrow().dueDate()).isEqualTo(java.time.LocalDate.of(2031, 6, 2));
    assertThat(tooLate.outcome()).isEqualTo(se.npprod.privacy.core.request.ExtendDeadline.Outcome.TOO_LATE);
  }

  @Test
  void aConfirmedErasureCarriesThePolicysTwentyFourHourTargetBesideTheLegalDueDate() throws Exception {
    String id = request("tjugofyra@example.se");
    clock.advance(Duration.ofHours(3));
    verify.confirm(token(mailsTo("tjugofyra@example.se").get(0)));

    var item = cloud.emulators().endpoints().dynamoDbClient().getItem(b -> b.tableName(cloud.physicalName("PrivacyTable"))
        .key(java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("R#" + id),
            "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("REQUEST")))).item();
    assertThat(item.get("policyTargetAt").s()).isEqualTo(clock.instant().plus(Duration.ofHours(24)).toString());
    assertThat(table.events(id)).filteredOn(e -> e.what().equals("verified"))
        .singleElement().satisfies(e -> assertThat(e.details()).containsKey("policyTarget"));
  }

  @Test
  void anErasureNotCompletedWithinTwentyFourHoursIsCountedOverdueEveryRunUntilItCompletes() throws Exception {
    // Other tests of this class confirm erasures on the same days: what is this request's is told
    // by its own follow-up item and audit events, the counts only from below.
    String id = request("sen.radering@example.se");
    verify.confirm(token(mailsTo("sen.radering@example.se").get(0)));
    var overdueItem = java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("R#" + id),
        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("FOLLOWUP#overdue"));
    var dynamo = cloud.emulators().endpoints().dynamoDbClient();

    clock.advance(Duration.ofHours(23));
    followUps.run();
    assertThat(table.events(id)).as("not before the target").noneMatch(e -> e.what().equals("erasure-overdue"));
    clock.advance(Duration.ofHours(2));
    assertThat(followUps.run().overdue()).isGreaterThanOrEqualTo(1);
    clock.advance(Duration.ofHours(1));
    assertThat(followUps.run().overdue()).as("still counted an hour later").isGreaterThanOrEqualTo(1);
    assertThat(table.events(id)).filteredOn(e -> e.what().equals("erasure-overdue")).hasSize(1);
    assertThat(dynamo.getItem(b -> b.tableName(cloud.physicalName("PrivacyTable")).key(overdueItem)).item()).isNotEmpty();

    table.transition(id, RequestStatus.VERIFIED, RequestStatus.IN_PROGRESS, Optional.empty(),
        se.npprod.privacy.core.request.AuditEvent.of(id, clock.instant(), "erasure-started"));
    table.transition(id, RequestStatus.IN_PROGRESS, RequestStatus.COMPLETED, Optional.empty(),
        se.npprod.privacy.core.request.AuditEvent.of(id, clock.instant(), "erasure-completed"));
    followUps.run();
    assertThat(dynamo.getItem(b -> b.tableName(cloud.physicalName("PrivacyTable")).key(overdueItem)).item())
        .as("no longer counted once completed").isEmpty();
  }

  /** A confirmed erasure whose logistics task has asked the processor; its target is 24 hours from now. */
  private String logisticsAsked(String email) {
    String id = request(email);
    assertThat(verify.confirm(token(mailsTo(email).get(0))).state()).isEqualTo(VerifyRequest.State.VERIFIED);
    planErasure.plan(id);
    assertThat(runErasure.run(new ErasureTask(id, "logistics"))).isEqualTo(RunErasureTask.Outcome.WAITING);
    assertThat(processorMails(id)).hasSize(1);
    return id;
  }

  /** The mails to the logistics partner about this request (its case number is in every subject). */
  private List<JsonNode> processorMails(String id) {
    return SentMail.to(cloud.emulators().endpoints(), LOGISTICS).stream()
        .filter(m -> m.get("subject").asText().contains(RequestMails.caseNumber(id))).toList();
  }

  private List<JsonNode> teamMails(String id) {
    return SentMail.to(cloud.emulators().endpoints(), TEAM.value()).stream()
        .filter(m -> m.get("subject").asText().contains(RequestMails.caseNumber(id))).toList();
  }

  private Instant target(String id) {
    return table.request(id).orElseThrow().verifiedAt().orElseThrow().plus(Duration.ofHours(24));
  }

  private FollowUpRequests.Report runAt(Instant when) {
    clock.advance(Duration.between(clock.instant(), when));
    return followUps.run();
  }

  private static String processorToken(JsonNode mail) {
    Matcher m = PROCESSOR_TOKEN.matcher(mail.get("body").get("text").asText());
    assertThat(m.find()).as("the mail carries the processor's link").isTrue();
    return m.group(1);
  }

  /** Someone at the processor opens the link's page and confirms with their name (POST /processors/confirm). */
  private int processorConfirms(String token) {
    APIGatewayV2HTTPEvent e = EventLoader.loadApiGatewayHttpEvent(
        RepoRoot.find().resolve("events/intake/confirm.json").toString());
    e.setRouteKey("POST /processors/confirm");
    e.setRawPath("/processors/confirm");
    e.getRequestContext().setRouteKey("POST /processors/confirm");
    e.getRequestContext().getHttp().setPath("/processors/confirm");
    e.setBody("token=" + token + "&name=Lena+Logistik");
    return intake.handleRequest(e, new LocalContext("IntakeFunction", 10)).getStatusCode();
  }

  @Test
  void aProcessorThatHasNotConfirmedIsRemindedOnceTwelveHoursBeforeTheTargetAndTheReminderLinkConfirms() {
    String id = logisticsAsked("logistik.tyst@example.se");
    Instant target = target(id);

    runAt(target.minus(Duration.ofHours(12)).minus(Duration.ofMinutes(1)));
    assertThat(processorMails(id)).as("not before its time").hasSize(1);
    FollowUpRequests.Report reminded = runAt(target.minus(Duration.ofHours(12)));
    FollowUpRequests.Report again = runAt(target.minus(Duration.ofHours(11)));

    assertThat(reminded.processorReminders()).isEqualTo(1);
    assertThat(again.processorReminders()).isZero();
    List<JsonNode> mails = processorMails(id);
    assertThat(mails).hasSize(2);
    JsonNode reminder = mails.get(1);
    String deadline = target.atZone(POLICY.timezone()).format(DateTimeFormatter.ofPattern("HH.mm"));
    assertThat(reminder.get("subject").asText()).startsWith("Påminnelse: begäran om radering av personuppgifter");
    assertThat(reminder.get("body").get("text").asText()).contains("logistik.tyst@example.se",
        "Tidsfristen går ut kl. " + deadline + " den 3 mars 2031 (svensk tid)");
    assertThat(processorToken(reminder)).isNotEqualTo(processorToken(mails.get(0)));

    assertThat(processorConfirms(processorToken(reminder))).isEqualTo(200);
    assertThat(queued).contains(new ErasureTask(id, "logistics"));
    runErasure.run(new ErasureTask(id, "logistics"));
    assertThat(plans.plan(id).orElseThrow().tasks()).filteredOn(t -> t.system().equals("logistics")).singleElement()
        .satisfies(t -> {
          assertThat(t.state()).isEqualTo(ErasurePlans.TaskState.DONE);
          assertThat(t.acknowledgedBy()).isEqualTo("Lena Logistik");
        });
    assertThat(runAt(target.minus(Duration.ofHours(4))).escalations()).as("confirmed: nobody to escalate").isZero();
    assertThat(teamMails(id)).isEmpty();
  }

  @Test
  void aProcessorStillSilentFourHoursBeforeTheTargetIsEscalatedToThePrivacyTeamOnceInCodesOnly() {
    String id = logisticsAsked("logistik.eskalera@example.se");
    Instant target = target(id);
    runAt(target.minus(Duration.ofHours(12)));

    FollowUpRequests.Report escalated = runAt(target.minus(Duration.ofHours(4)));
    FollowUpRequests.Report again = runAt(target.minus(Duration.ofHours(3)));

    assertThat(escalated.escalations()).isEqualTo(1);
    assertThat(again.escalations()).isZero();
    assertThat(again.processorReminders()).isZero();
    assertThat(teamMails(id)).singleElement().satisfies(m -> {
      assertThat(m.get("subject").asText()).contains("Eskalering", "logistics");
      assertThat(m.get("body").get("text").asText()).contains(id, "logistics")
          .doesNotContain("logistik.eskalera@example.se", LOGISTICS);
    });
    assertThat(processorMails(id)).as("the request and one reminder").hasSize(2);
    assertThat(table.events(id)).filteredOn(e -> e.what().equals("processor-escalated")).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("system", "logistics")
            .containsEntry("target", target.toString()));
    assertThat(plans.plan(id).orElseThrow().tasks()).filteredOn(t -> t.system().equals("logistics"))
        .singleElement().satisfies(t -> assertThat(t.state()).as("still open until confirmed")
            .isEqualTo(ErasurePlans.TaskState.WAITING));
  }

  @Test
  void aProcessorThatConfirmedAtOnceGetsNoReminderAndNoEscalation() {
    String id = logisticsAsked("logistik.snabb@example.se");
    Instant target = target(id);
    assertThat(processorConfirms(processorToken(processorMails(id).get(0)))).isEqualTo(200);

    FollowUpRequests.Report atReminder = runAt(target.minus(Duration.ofHours(12)));
    FollowUpRequests.Report atEscalation = runAt(target.minus(Duration.ofHours(4)));

    assertThat(atReminder.processorReminders()).isZero();
    assertThat(atEscalation.escalations()).isZero();
    assertThat(processorMails(id)).hasSize(1);
    assertThat(teamMails(id)).isEmpty();
  }

  /**
   * A completed restriction, as ErasureFunction leaves it: our profile marked, the webshop and the
   * CRM told {@code restrict} (their tasks done), the request COMPLETED.
   */
  private String completedRestriction(String email) throws Exception {
    SubjectTable subjects = new SubjectTable(dynamo(), cloud.physicalName("PrivacyTable"));
    new RecordActivity(POLICY, KEYS, subjects).record(ActivityEvents.read("npprod.webshop", ActivityEvents.ORDER_PLACED,
        "e-" + email, Map.of("orderId", "9001", "placedAt", "2031-02-20T09:00:00Z",
            "customer", Map.of("email", email, "name", "Berit Begränsad", "customerNumber", "K-9001"),
            "lines", List.of(Map.of("sku", "NP-1", "name", "Kabelkanal", "quantity", 1, "unitPrice", "149.00")),
            "total", "149.00", "currency", "SEK")));
    String id = submit.submit(new NewRequest(Channel.WEB, EmailAddress.parse(email).orElseThrow(), RequestType.RESTRICTION,
        List.of("form:restriction"), Optional.empty(), "sv", "", "", Optional.empty(), clock.instant())).requestId();
    verify.confirm(token(mailsTo(email).get(0)));
    String subject = KEYS.of(EmailAddress.parse(email).orElseThrow());
    ErasureTable plans = new ErasureTable(dynamo(), cloud.physicalName("PrivacyTable"), POLICY.timezone());
    plans.create(id, new Identifiers(subject, EmailAddress.parse(email).orElseThrow(), List.of("K-9001"), List.of()),
        List.of("registry", "webshop", "crm"), AuditEvent.of(id, clock.instant(), "restriction-planned"));
    table.transition(id, RequestStatus.VERIFIED, RequestStatus.IN_PROGRESS, Optional.empty(),
        AuditEvent.of(id, clock.instant(), "erasure-started"));
    subjects.restrict(subject, clock.instant());
    for (String system : List.of("registry", "webshop", "crm")) {
      plans.done(id, system, Map.of(), AuditEvent.of(id, clock.instant(), "erasure-task-done"));
    }
    table.transition(id, RequestStatus.IN_PROGRESS, RequestStatus.COMPLETED, Optional.empty(),
        AuditEvent.of(id, clock.instant(), "restriction-completed"));
    return id;
  }

  private DynamoDbClient dynamo() {
    return cloud.emulators().endpoints().dynamoDbClient();
  }

  @Test
  void aRestrictionIsLiftedOnlyAfterThePersonIsToldAndTheNoticeHasRunAndEachSystemIsToldOnce() throws Exception {
    List<String> told = Collections.synchronizedList(new ArrayList<>());
    List<Integer> crmAnswers = new ArrayList<>(List.of(503));
    HttpServer systems = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    for (String system : List.of("webshop", "crm")) {
      systems.createContext("/" + system, exchange -> {
        String action = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("action").asText();
        int status = system.equals("crm") && !crmAnswers.isEmpty() ? crmAnswers.remove(0) : 200;
        told.add(system + ":" + action + ":" + status);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
    }
    systems.start();
    String base = "http://127.0.0.1:" + systems.getAddress().getPort();
    String connectors = "{\"webshop\":{\"url\":\"" + base + "/webshop\",\"key\":\"k\"},"
        + "\"crm\":{\"url\":\"" + base + "/crm\",\"key\":\"k\"}}";
    String table = cloud.physicalName("PrivacyTable");
    FollowUpHandler handler = new FollowUpHandler(followUps, new LiftRestrictions(POLICY, this.table,
        new ErasureTable(dynamo(), table, POLICY.timezone()), new SubjectTable(dynamo(), table), new HttpErasure(() -> connectors, clock), clock));
    try {
      String email = "berit.begransad@example.se";
      String id = completedRestriction(email);
      String subject = KEYS.of(EmailAddress.parse(email).orElseThrow());
      var profileKey = Map.of("pk", AttributeValue.fromS("S#" + subject), "sk", AttributeValue.fromS("PROFILE"));

      var notice = new ScheduleRestrictionLift(POLICY, this.table,
          new SesOutbox(AwsClients.sesV2(), "NP Produkter <info@npprod.se>", Optional.empty()), clock)
          .announce(id, "Vi har kontrollerat uppgifterna du ifrågasatte, och de är riktiga.", "arn:aws:iam::123456789012:user/team");

      assertThat(notice.outcome()).isEqualTo(ScheduleRestrictionLift.Outcome.SCHEDULED);
      assertThat(mailsTo(email)).last().satisfies(m -> assertThat(m.get("subject").asText())
          .startsWith("Begränsningen av behandlingen av dina personuppgifter hävs"));
      clock.advance(Period.ofDays(13));
      run(handler);
      assertThat(told).as("nothing before the notice period is over").isEmpty();
      assertThat(dynamo().getItem(b -> b.tableName(table).key(profileKey)).item().get("restricted").bool()).isTrue();

      clock.advance(Period.ofDays(1));
      clock.advance(Duration.ofMinutes(1));
      run(handler);
      assertThat(told).containsExactlyInAnyOrder("webshop:unrestrict:200", "crm:unrestrict:503");
      assertThat(dynamo().getItem(b -> b.tableName(table).key(profileKey)).item()).doesNotContainKey("restricted");
      assertThat(this.table.events(id)).noneMatch(e -> e.what().equals("restriction-lifted"));

      clock.advance(Duration.ofHours(1));
      run(handler);
      clock.advance(Duration.ofHours(1));
      run(handler);

      assertThat(told).as("the CRM asked again once it answers; the webshop told once")
          .containsExactlyInAnyOrder("webshop:unrestrict:200", "crm:unrestrict:503", "crm:unrestrict:200");
      assertThat(this.table.events(id)).filteredOn(e -> e.what().equals("restriction-lifted")).singleElement()
          .satisfies(e -> assertThat(e.details()).containsEntry("systems", "registry,webshop,crm"));
      assertThat(dynamo().getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("R#" + id),
          "sk", AttributeValue.fromS("FOLLOWUP#restriction-lift")))).item()).as("done: nothing left to do").isEmpty();
    } finally {
      systems.stop(0);
    }
  }

  private static void run(FollowUpHandler handler) throws Exception {
    handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), OutputStream.nullOutputStream(),
        new LocalContext("FollowUpFunction", 60));
  }
}
