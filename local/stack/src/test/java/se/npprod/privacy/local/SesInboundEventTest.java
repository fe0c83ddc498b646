package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.local.SesInboundEvent.Verdicts;
import se.npprod.privacy.local.emulators.RepoRoot;
import se.npprod.privacy.local.testfunctions.SesEvent;

class SesInboundEventTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant RECEIVED = Instant.parse("2026-11-25T09:15:31Z");
  private static final Instant TRIGGERED = Instant.parse("2026-11-25T09:15:31.412Z");
  private static final String ARN = "arn:aws:lambda:eu-north-1:000000000000:function:IntakeFunction";
  private static final String MESSAGE = "Return-Path: <kund@example.se>\r\n"
      + "Received: from mail.example.se (mail.example.se [127.0.0.1])\r\n"
      + " by inbound-smtp.local with SMTP id abc for info@npprod.se;\r\n"
      + " Wed, 25 Nov 2026 09:15:31 +0000 (UTC)\r\n"
      + "From: \"Karin Kund\" <kund@example.se>\r\n"
      + "To: info@npprod.se\r\n"
      + "Subject: =?UTF-8?Q?Beg=C3=A4ran_om_registerutdrag?=\r\n"
      + "Date: Wed, 25 Nov 2026 10:15:28 +0100\r\n"
      + "Message-ID: <5f0c2a1e@example.se>\r\n"
      + "MIME-Version: 1.0\r\n"
      + "Content-Type: text/plain; charset=UTF-8\r\n"
      + "\r\n"
      + "Hej! Jag vill ha ut mina uppgifter.\r\n";

  private static MailHeaders headers(String message) {
    return MailHeaders.parse(message.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] event(String message, Verdicts verdicts) {
    return SesInboundEvent.forLambda(headers(message), RECEIVED, "kund@example.se", "k7q2m9x4c1v8b5n3z6l0p2r4t7y9w1e3u5i8o0a2",
        List.of("info@npprod.se"), List.of("info@npprod.se"), TRIGGERED, verdicts, ARN, "Event");
  }

  private static byte[] event() {
    return event(MESSAGE, Verdicts.of(headers(MESSAGE), true));
  }

  private static byte[] sample() throws Exception {
    return Files.readAllBytes(RepoRoot.find().resolve("events/intake/ses-inbound.json"));
  }

  /** Every path of objects' fields, array elements collapsed to []: the shape, not the values. */
  private static TreeSet<String> shape(JsonNode node, String path, TreeSet<String> paths) {
    if (node.isObject()) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        paths.add(path + "/" + name);
        shape(node.get(name), path + "/" + name, paths);
      }
    } else if (node.isArray()) {
      node.forEach(element -> shape(element, path + "[]", paths));
    }
    return paths;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void buildsTheDocumentedEventOfAnSesLambdaActionInTheShapeOfTheSample() throws Exception {
    JsonNode built = JSON.readTree(event());
    JsonNode sample = JSON.readTree(sample());

    assertThat(shape(built, "", new TreeSet<>())).isEqualTo(shape(sample, "", new TreeSet<>()));
    JsonNode ses = built.at("/Records/0/ses");
    assertThat(fieldNames(built.at("/Records/0"))).containsExactly("eventSource", "eventVersion", "ses");
    assertThat(fieldNames(ses.get("mail"))).containsExactly("timestamp", "source", "messageId", "destination",
        "headersTruncated", "headers", "commonHeaders");
    assertThat(fieldNames(ses.at("/mail/commonHeaders")))
        .containsExactly("returnPath", "from", "date", "to", "messageId", "subject");
    assertThat(fieldNames(ses.get("receipt"))).containsExactly("timestamp", "processingTimeMillis", "recipients",
        "spamVerdict", "virusVerdict", "spfVerdict", "dkimVerdict", "dmarcVerdict", "action");
    assertThat(ses.has("content")).as("a Lambda action's event carries no message").isFalse();
    assertThat(built.at("/Records/0/eventSource").asText()).isEqualTo("aws:ses");
    assertThat(ses.at("/mail/timestamp").asText()).isEqualTo("2026-11-25T09:15:31.000Z");
    assertThat(ses.at("/receipt/timestamp").asText()).isEqualTo("2026-11-25T09:15:31.412Z");
    assertThat(ses.at("/receipt/processingTimeMillis").asLong()).isEqualTo(412);
    assertThat(ses.at("/mail/headers/2").toString()).isEqualTo("{\"name\":\"From\",\"value\":\"\\\"Karin Kund\\\" <kund@example.se>\"}");
    assertThat(ses.at("/mail/headers/1/value").asText()).as("unfolded")
        .isEqualTo("from mail.example.se (mail.example.se [127.0.0.1]) by inbound-smtp.local with SMTP id abc"
            + " for info@npprod.se; Wed, 25 Nov 2026 09:15:31 +0000 (UTC)");
    assertThat(ses.at("/mail/headers/4/value").asText()).as("headers as written")
        .isEqualTo("=?UTF-8?Q?Beg=C3=A4ran_om_registerutdrag?=");
    assertThat(ses.at("/mail/commonHeaders/subject").asText()).as("decoded").isEqualTo("Beg\u00e4ran om registerutdrag");
    assertThat(ses.at("/mail/commonHeaders/returnPath").asText()).isEqualTo("kund@example.se");
    assertThat(ses.at("/receipt/action").toString())
        .isEqualTo("{\"type\":\"Lambda\",\"functionArn\":\"" + ARN + "\",\"invocationType\":\"Event\"}");
  }

  @Test
  void theEventAndTheSampleDeserialiseAsTheLambdaJavaRuntimeReadsAFunctionsInputType() throws Exception {
    var runtime = JacksonFactory.getInstance().getSerializer(SesEvent.class);
    ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    for (byte[] json : List.of(event(), sample())) {
      SesEvent event = runtime.fromJson(new String(json, StandardCharsets.UTF_8));
      strict.readValue(json, SesEvent.class); // no field the type does not know

      SesEvent.Record record = event.Records.get(0);
      assertThat(record.eventSource).isEqualTo("aws:ses");
      assertThat(record.ses.mail.source).isEqualTo("kund@example.se");
      assertThat(record.ses.mail.messageId).isEqualTo("k7q2m9x4c1v8b5n3z6l0p2r4t7y9w1e3u5i8o0a2");
      assertThat(record.ses.mail.destination).containsExactly("info@npprod.se");
      assertThat(record.ses.mail.commonHeaders.from).containsExactly("\"Karin Kund\" <kund@example.se>");
      assertThat(record.ses.mail.commonHeaders.to).containsExactly("info@npprod.se");
      assertThat(record.ses.mail.commonHeaders.subject).isEqualTo("Beg\u00e4ran om registerutdrag");
      assertThat(record.ses.mail.headers.get(0).name).isEqualTo("Return-Path");
      assertThat(record.ses.receipt.recipients).containsExactly("info@npprod.se");
      assertThat(record.ses.receipt.spamVerdict.status).isEqualTo("PASS");
      assertThat(record.ses.receipt.action.type).isEqualTo("Lambda");
      assertThat(record.ses.receipt.action.invocationType).isEqualTo("Event");
    }
  }

  @Test
  void verdictsAreScannedPassAndDnsGrayUnlessTheLocalHookSaysOtherwise() {
    assertThat(Verdicts.of(headers(MESSAGE), true)).isEqualTo(new Verdicts("PASS", "PASS", "GRAY", "GRAY", "GRAY", null));

    String hooked = "X-Local-SES-Verdicts: virus=fail, dkim=PASS\r\n" + MESSAGE;

    assertThat(Verdicts.of(headers(hooked), true)).isEqualTo(new Verdicts("PASS", "FAIL", "GRAY", "PASS", "GRAY", null));
  }

  @Test
  void withoutScanEnabledSpamAndVirusVerdictsAreDisabled() {
    assertThat(Verdicts.of(headers(MESSAGE), false)).isEqualTo(new Verdicts("DISABLED", "DISABLED", "GRAY", "GRAY", "GRAY", null));
  }

  @Test
  void dmarcPolicyAppearsOnlyWithADmarcFail() throws Exception {
    String failing = "X-Local-SES-Verdicts: dmarc=FAIL\r\n" + MESSAGE;
    Verdicts verdicts = Verdicts.of(headers(failing), true);

    JsonNode receipt = JSON.readTree(event(failing, verdicts)).at("/Records/0/ses/receipt");

    assertThat(receipt.get("dmarcPolicy").asText()).isEqualTo("none");
    assertThat(fieldNames(receipt)).containsSubsequence("dmarcVerdict", "dmarcPolicy", "action");
    assertThat(Verdicts.of(headers("X-Local-SES-Verdicts: dmarc=FAIL, dmarcPolicy=quarantine\r\n" + MESSAGE), true)
        .dmarcPolicy()).isEqualTo("quarantine");
    assertThat(JSON.readTree(event()).at("/Records/0/ses/receipt").has("dmarcPolicy")).isFalse();
  }

  @Test
  void headersBeyondTenKilobytesAreLeftOutOfTheEventAndSaidToBe() throws Exception {
    String many = ("X-Trace: " + "t".repeat(990) + "\r\n").repeat(12) + MESSAGE;

    JsonNode mail = JSON.readTree(event(many, Verdicts.of(headers(many), true))).at("/Records/0/ses/mail");

    assertThat(mail.get("headersTruncated").asBoolean()).isTrue();
    assertThat(mail.get("headers").size()).isEqualTo(10);
  }
}
