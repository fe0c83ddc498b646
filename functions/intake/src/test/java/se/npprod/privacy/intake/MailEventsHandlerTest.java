package se.npprod.privacy.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.NewRequest;
import se.npprod.privacy.core.request.RecordDeliveryProblem;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.request.SubmitRequest;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.core.testing.MutableClock;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.LocalContext;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import se.npprod.privacy.local.emulators.RepoRoot;
import se.npprod.privacy.policy.BundledPolicy;

/** Bounces and complaints from SES, as EventBridge delivers them (events/intake/ses-bounce.json). */
@ExtendWith(EmulatorsExtension.class)
class MailEventsHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestTable table;
  private MailEventsHandler handler;
  private SubmitRequest submit;

  @BeforeEach
  void wire(LocalCloud cloud) {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    table = new RequestTable(cloud.emulators().endpoints().dynamoDbClient(), cloud.physicalName("PrivacyTable"),
        BundledPolicy.policy().timezone());
    handler = new MailEventsHandler(new RecordDeliveryProblem(table, clock));
    submit = new SubmitRequest(BundledPolicy.policy(), new SubjectKeys("b".repeat(32).getBytes(StandardCharsets.UTF_8)),
        table, mail -> { }, VerificationLinks.under("http://localhost:3000"), clock);
  }

  /** A request that was answered with an extract. */
  private String answeredRequest(String email) {
    String id = submit.submit(new NewRequest(Channel.WEB, EmailAddress.parse(email).orElseThrow(), RequestType.ACCESS,
        List.of(), Optional.empty(), "sv", "", "", Optional.empty(), Instant.parse("2026-11-25T10:00:00Z"))).requestId();
    Instant at = Instant.parse("2026-11-25T10:05:00Z");
    table.transition(id, RequestStatus.AWAITING_VERIFICATION, RequestStatus.IN_PROGRESS, Optional.empty(), AuditEvent.of(id, at, "t"));
    table.transition(id, RequestStatus.IN_PROGRESS, RequestStatus.COMPLETED, Optional.empty(), AuditEvent.of(id, at, "t"));
    return id;
  }

  private String deliver(String requestId, String kind, String eventType, String bounceType) throws Exception {
    ObjectNode event = (ObjectNode) JSON.readTree(Files.readAllBytes(RepoRoot.find().resolve("events/intake/ses-bounce.json")));
    ObjectNode detail = (ObjectNode) event.get("detail");
    detail.put("eventType", eventType);
    ((ObjectNode) detail.get("bounce")).put("bounceType", bounceType);
    ObjectNode tags = (ObjectNode) detail.get("mail").get("tags");
    ((ArrayNode) tags.putArray("request")).add(requestId);
    ((ArrayNode) tags.putArray("kind")).add(kind);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, new LocalContext("MailEventsFunction", 10));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anExtractThatBouncedGoesBackToThePrivacyTeam() throws Exception {
    String id = answeredRequest("studs@example.se");

    assertThat(deliver(id, "extract", "Bounce", "Permanent")).contains("back-to-privacy-team");

    assertThat(table.request(id).orElseThrow().status()).isEqualTo(RequestStatus.MANUAL_REVIEW);
    assertThat(table.request(id).orElseThrow().reviewReason()).contains("extract-permanent-bounce");
    assertThat(table.events(id)).extracting(AuditEvent::what).contains("mail-not-delivered", "answer-not-delivered");
  }

  @Test
  void aComplaintAboutTheExtractMailAlsoReopensItButATransientBounceIsOnlyNoted() throws Exception {
    String complained = answeredRequest("klagar@example.se");
    String delayed = answeredRequest("full-inkorg@example.se");

    deliver(complained, "extract", "Complaint", "Permanent");
    assertThat(deliver(delayed, "extract", "Bounce", "Transient")).contains("noted");

    assertThat(table.request(complained).orElseThrow().status()).isEqualTo(RequestStatus.MANUAL_REVIEW);
    assertThat(table.request(delayed).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
  }

  @Test
  void eventsForNoKnownRequestAreIgnored() throws Exception {
    assertThat(deliver("zzzzzzzzzzzzzzzzzzzzzzzzzz", "extract", "Bounce", "Permanent")).contains("noted");
    assertThat(deliver("not-an-id", "extract", "Bounce", "Permanent")).contains("ignored");
    assertThat(deliver(answeredRequest("leverans@example.se"), "extract", "Delivery", "Permanent")).contains("ignored");
  }
}
