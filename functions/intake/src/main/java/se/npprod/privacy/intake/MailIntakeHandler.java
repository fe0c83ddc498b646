package se.npprod.privacy.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.Dependency;
import se.npprod.privacy.aws.Env;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.SecretBytes;
import se.npprod.privacy.aws.SesOutbox;
import se.npprod.privacy.aws.Table;
import se.npprod.privacy.core.mail.InboundMail;
import se.npprod.privacy.core.mail.MalformedMail;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.Outbox;
import se.npprod.privacy.core.request.SubmitRequest;
import se.npprod.privacy.core.request.TakeInMail;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.mail.MimeMail;
import se.npprod.privacy.policy.BundledPolicy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * MailIntakeFunction: SES's receipt rule stored a mail to the privacy address in S3 and invokes
 * this with the SES event (documented shape: {@code Records[].ses.mail}, {@code .receipt}; no
 * content). The message is read from S3, so a mail with a 5 MB attachment is handled like any
 * other; what SNS could carry (150 KB) does not limit it.
 *
 * <p>Mail that cannot be read is quarantined and logged, never thrown back: SES would invoke again
 * and again. Only a dependency that is down (the table, S3, SES) throws, so that Lambda's
 * asynchronous retries take the mail in once it is back; the Message-ID keeps it one request.
 */
public class MailIntakeHandler implements RequestStreamHandler {
  static final String BUCKET_ENV = "INBOUND_BUCKET";
  static final String PREFIX_ENV = "INBOUND_PREFIX";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TakeInMail intake;
  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  /** Used by Lambda: real adapters, from template.yaml's environment. */
  public MailIntakeHandler() {
    this(BundledPolicy.policy(), Clock.systemUTC());
  }

  private MailIntakeHandler(Policy policy, Clock clock) {
    this(policy, new SubjectKeys(SecretBytes.read(AwsClients.secretsManager(), Env.require(SecretBytes.SUBJECT_KEY_ENV))),
        new RequestTable(AwsClients.dynamoDb(), Env.require(Table.TABLE_NAME_ENV), policy.timezone()),
        new SesOutbox(AwsClients.sesV2(), Env.require(SesOutbox.FROM_ENV), Env.optional(SesOutbox.CONFIGURATION_SET_ENV)),
        VerificationLinks.under(Env.require(IntakeHandler.PUBLIC_URL_ENV)), AwsClients.s3(),
        Env.require(BUCKET_ENV), Env.optional(PREFIX_ENV).orElse(""), clock);
  }

  MailIntakeHandler(Policy policy, SubjectKeys keys, RequestTable table, Outbox outbox, VerificationLinks links,
      S3Client s3, String bucket, String prefix, Clock clock) {
    this.intake = new TakeInMail(policy, new SubmitRequest(policy, keys, table, outbox, links, clock), table, clock);
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode records = JSON.readTree(input).path("Records");
    for (JsonNode record : records) {
      JsonNode mail = record.path("ses").path("mail");
      JsonNode receipt = record.path("ses").path("receipt");
      String id = mail.path("messageId").asText("");
      if (!"aws:ses".equals(record.path("eventSource").asText()) || !id.matches("[A-Za-z0-9._-]{1,200}")) {
        context.getLogger().log("mail event ignored: not an SES receipt\n");
        continue;
      }
      TakeInMail.Result result = take(id, mail, receipt);
      // The SES message id and codes only: never the sender, the subject or the words.
      context.getLogger().log("mail " + result.outcome().name().toLowerCase(java.util.Locale.ROOT) + " ses=" + id
          + " reason=" + result.reason() + result.requestId().map(r -> " request=" + r).orElse("") + "\n");
    }
    output.write("{}".getBytes(StandardCharsets.UTF_8));
  }

  private TakeInMail.Result take(String id, JsonNode mail, JsonNode receipt) {
    TakeInMail.Verdicts verdicts = new TakeInMail.Verdicts(status(receipt, "spamVerdict"), status(receipt, "virusVerdict"),
        status(receipt, "spfVerdict"), status(receipt, "dkimVerdict"), status(receipt, "dmarcVerdict"));
    Optional<TakeInMail.Result> screened = intake.screen(id, verdicts);
    if (screened.isPresent()) {
      return screened.get();
    }
    Instant receivedAt;
    try {
      receivedAt = Instant.parse(mail.path("timestamp").asText());
    } catch (java.time.format.DateTimeParseException e) {
      receivedAt = Instant.now();
    }
    InboundMail parsed;
    try (ResponseInputStream<GetObjectResponse> raw =
             Dependency.call("mail store", () -> s3.getObject(b -> b.bucket(bucket).key(prefix + id)))) {
      parsed = MimeMail.parse(raw, MimeMail.MAX_BYTES);
    } catch (MalformedMail e) {
      return intake.unreadable(id, e.reason().code());
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      return intake.unreadable(id, "not-stored");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new se.npprod.privacy.core.port.Unavailable("mail store", e);
    }
    return intake.take(id, receivedAt, verdicts, parsed);
  }

  private static String status(JsonNode receipt, String verdict) {
    return receipt.path(verdict).path("status").asText("GRAY");
  }
}
