package se.npprod.privacy.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;




import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.LocalContext;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import se.npprod.privacy.local.emulators.RepoRoot;
import se.npprod.privacy.local.emulators.SentMail;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * MailIntakeFunction as Lambda builds it: the raw mail in the S3 emulator where SES's S3 action puts
 * it, the SES event of events/intake/ses-inbound.json, and what comes out in the table and the
 * SES outbox.
 */
@ExtendWith(EmulatorsExtension.class)
class MailIntakeHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MailIntakeHandler handler;
  private LocalCloud cloud;
  private S3Client s3;
  private DynamoDbClient dynamo;

  @BeforeEach
  void startFunction(LocalCloud cloud) throws Exception {
    this.cloud = cloud;
    cloud.parameter("PublicApiUrl", "http://localhost:3000");
    Template.Function function = cloud.template().functions().stream()
        .filter(f -> f.logicalId().equals("MailIntakeFunction")).findFirst().orElseThrow();
    cloud.environment(function).forEach(System::setProperty);
    handler = new MailIntakeHandler();
    s3 = cloud.emulators().endpoints().s3Client();
    dynamo = cloud.emulators().endpoints().dynamoDbClient();
    SentMail.clear(cloud.emulators().endpoints());
  }

  /** Stores {@code raw} as SES's S3 action does and invokes the function with SES's event for it. */
  private String receive(String raw, Map<String, String> verdicts) throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "");
    s3.putObject(b -> b.bucket(cloud.physicalName("InboundMailBucket")).key("inbound/" + id),
        RequestBody.fromBytes(raw.getBytes(StandardCharsets.UTF_8)));
    return invoke(id, verdicts);
  }

  private String invoke(String id, Map<String, String> verdicts) throws Exception {
    ObjectNode event = (ObjectNode) JSON.readTree(Files.readAllBytes(RepoRoot.find().resolve("events/intake/ses-inbound.json")));
    ObjectNode record = (ObjectNode) event.get("Records").get(0);
    ((ObjectNode) record.get("ses").get("mail")).put("messageId", id);
    verdicts.forEach((verdict, status) -> ((ObjectNode) record.get("ses").get("receipt").get(verdict)).put("status", status));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out,
        new LocalContext("MailIntakeFunction", 30));
    return id;
  }

  private Map<String, AttributeValue> logOf(String sesId) {
    return dynamo.getItem(b -> b.tableName(cloud.physicalName("PrivacyTable")).key(Map.of(
        "pk", AttributeValue.fromS("MAIL#" + sesId), "sk", AttributeValue.fromS("MAIL")))).item();
  }

  private List<JsonNode> outbox() {
    return SentMail.all(cloud.emulators().endpoints());
  }

  private static String mail(String from, String subject, String body, String... extraHeaders) {
    return "From: " + from + "\r\nTo: info@npprod.se\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID()
        + "@example.se>\r\nDate: Wed, 25 Nov 2026 10:15:28 +0100\r\n" + String.join("", extraHeaders)
        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body;
  }

  @Test
  void aSwedishMailAskingForAnExtractGetsAConfirmationLinkAtTheSendersAddressOnly() throws Exception {
    String id = receive(mail("\"Karin Kund\" <karin@example.se>", "=?UTF-8?Q?Beg=C3=A4ran_om_registerutdrag?=",
        "Hej, jag vill ha ett registerutdrag.\r\n\r\nMvh Karin\r\n", "Reply-To: someone-else@example.org\r\n"), Map.of());

    Map<String, AttributeValue> log = logOf(id);
    assertThat(log.get("outcome").s()).isEqualTo("REQUEST");
    assertThat(log.get("details").m().get("type").s()).isEqualTo("access");
    assertThat(log.toString()).doesNotContain("karin");
    List<JsonNode> mails = outbox();
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).get("destination").get("to").get(0).asText()).isEqualTo("karin@example.se");
    assertThat(mails.get(0).get("body").get("text").asText()).contains("registerutdrag", "/requests/verify?token=");
  }

  @Test
  void theSameMailDeliveredTwiceMakesOneRequestAndOneMail() throws Exception {
    String raw = mail("lars@example.se", "Radera mina uppgifter", "Jag vill att ni raderar mina uppgifter.\r\n");
    String first = receive(raw, Map.of());
    String second = receive(raw, Map.of());

    assertThat(logOf(first).get("outcome").s()).isEqualTo("REQUEST");
    assertThat(logOf(second).get("outcome").s()).isEqualTo("DUPLICATE");
    assertThat(outbox()).hasSize(1);
  }

  @Test
  void spamAndVirusesAreQuarantinedAndNeverAnswered() throws Exception {
    String spam = receive(mail("spam@example.com", "Registerutdrag", "registerutdrag"), Map.of("spamVerdict", "FAIL"));
    String virus = receive(mail("virus@example.com", "Registerutdrag", "registerutdrag"), Map.of("virusVerdict", "FAIL"));

    assertThat(logOf(spam).get("outcome").s()).isEqualTo("QUARANTINED");
    assertThat(logOf(virus).get("details").m().get("reason").s()).isEqualTo("virus");
    assertThat(outbox()).isEmpty();
  }

  @Test
  void autoRepliesBouncesAndListsAreRecordedAndNeverAnswered() throws Exception {
    String auto = receive(mail("ola@example.se", "Frånvaro: Registerutdrag", "Jag är borta till måndag.",
        "Auto-Submitted: auto-replied\r\n"), Map.of());
    String bounce = receive(mail("MAILER-DAEMON@example.se", "Undelivered Mail", "failed"), Map.of());
    String list = receive(mail("news@example.se", "Nyheter", "radera", "List-Id: <news.example.se>\r\n"), Map.of());

    assertThat(List.of(logOf(auto), logOf(bounce), logOf(list))).allSatisfy(log ->
        assertThat(log.get("outcome").s()).isEqualTo("NOT_ANSWERED"));
    assertThat(outbox()).isEmpty();
  }

  @Test
  void unclearMailGoesToAPersonAndIsAcknowledgedWithoutALink() throws Exception {
    String id = receive(mail("undrar@example.se", "Fråga", "När kommer min leverans?"), Map.of());

    assertThat(logOf(id).get("details").m().get("review").s()).isEqualTo("unclear");
    List<JsonNode> mails = outbox();
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).get("subject").asText()).startsWith("Vi har tagit emot ditt meddelande");
    assertThat(mails.get(0).get("body").get("text").asText()).doesNotContain("token=");
  }

  @Test
  void aForgedSenderStillOnlyGetsALinkSentToTheRealAddress() throws Exception {
    String id = receive(mail("victim@example.se", "Registerutdrag", "Skicka ett registerutdrag till mig."),
        Map.of("dmarcVerdict", "FAIL"));

    assertThat(logOf(id).get("details").m().get("dmarc").s()).isEqualTo("FAIL");
    assertThat(outbox()).singleElement().satisfies(m ->
        assertThat(m.get("destination").get("to").get(0).asText()).isEqualTo("victim@example.se"));
  }

  @Test
  void garbageAndMissingMessagesAreQuarantinedNotThrown() throws Exception {
    byte[] noise = new byte[4096];
    new java.util.Random(7).nextBytes(noise);
    String garbage = UUID.randomUUID().toString().replace("-", "");
    s3.putObject(b -> b.bucket(cloud.physicalName("InboundMailBucket")).key("inbound/" + garbage), RequestBody.fromBytes(noise));
    invoke(garbage, Map.of());
    String missing = UUID.randomUUID().toString().replace("-", "");
    invoke(missing, Map.of());

    assertThat(logOf(garbage).get("outcome").s()).isEqualTo("QUARANTINED");
    assertThat(logOf(missing).get("details").m().get("reason").s()).isEqualTo("malformed:not-stored");
    assertThat(outbox()).isEmpty();
  }

  @Test
  void aMailWithAFiveMegabyteAttachmentIsTakenIn() throws Exception {
    byte[] pdf = new byte[5 * 1024 * 1024];
    new java.util.Random(1).nextBytes(pdf);
    String b64 = java.util.Base64.getMimeEncoder().encodeToString(pdf);
    String raw = "From: bilaga@example.se\r\nTo: info@npprod.se\r\nSubject: Radera mig\r\nMessage-ID: <" + UUID.randomUUID()
        + "@example.se>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n\r\nJag vill att ni raderar mina uppgifter. Se bilagan.\r\n--b1\r\n"
        + "Content-Type: application/pdf; name=\"underlag.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64
        + "\r\n--b1--\r\n";
    String id = receive(raw, Map.of());

    assertThat(logOf(id).get("outcome").s()).isEqualTo("REQUEST");
    assertThat(logOf(id).get("details").m().get("type").s()).isEqualTo("erasure");
  }
}
