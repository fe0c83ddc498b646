package se.npprod.privacy.extract;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.Env;
import se.npprod.privacy.aws.HttpExports;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.S3ExtractFiles;
import se.npprod.privacy.aws.SecretBytes;
import se.npprod.privacy.aws.SesOutbox;
import se.npprod.privacy.aws.SubjectTable;
import se.npprod.privacy.aws.Table;
import se.npprod.privacy.core.extract.BuildExtract;
import se.npprod.privacy.core.port.Unavailable;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.policy.BundledPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * ExtractFunction: one verified access request per message from the extract queue. A message that
 * cannot be done now (a system did not answer, SES or the table is out) is reported as a batch item
 * failure: SQS delivers it again after the visibility timeout and, after the queue's receive limit,
 * moves it to the dead-letter queue, where an alarm calls a person. Nothing is lost or dropped.
 */
public class ExtractHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\"\\s*:\\s*\"([a-z2-7]{26})\"");

  private final BuildExtract build;

  /** Used by Lambda: real adapters, from template.yaml's environment. */
  public ExtractHandler() {
    this(wire(Clock.systemUTC()));
  }

  ExtractHandler(BuildExtract build) {
    this.build = build;
  }

  private static BuildExtract wire(Clock clock) {
    DynamoDbClient dynamo = AwsClients.dynamoDb();
    String table = Env.require(Table.TABLE_NAME_ENV);
    var secrets = AwsClients.secretsManager();
    String connectors = Env.require(HttpExports.SECRET_ENV);
    return new BuildExtract(BundledPolicy.policy(), new RequestTable(dynamo, table, BundledPolicy.policy().timezone()), new SubjectTable(dynamo, table),
        new HttpExports(() -> new String(SecretBytes.read(secrets, connectors), java.nio.charset.StandardCharsets.UTF_8),
            clock),
        new S3ExtractFiles(AwsClients.s3(), Env.require(S3ExtractFiles.BUCKET_ENV), dynamo, table),
        new SesOutbox(AwsClients.sesV2(), Env.require(SesOutbox.FROM_ENV), Env.optional(SesOutbox.CONFIGURATION_SET_ENV)),
        VerificationLinks.under(Env.require("PUBLIC_API_URL")), clock);
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      Matcher id = REQUEST_ID.matcher(String.valueOf(message.getBody()));
      if (!id.find()) {
        // Not ours to guess at: to the dead-letter queue after its receives, where a person sees it.
        context.getLogger().log("extract message unreadable messageId=" + message.getMessageId() + "\n");
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        continue;
      }
      int attempt = attempt(message);
      try {
        BuildExtract.Outcome outcome = build.answer(id.group(1), attempt);
        context.getLogger().log("extract " + outcome.name().toLowerCase(java.util.Locale.ROOT) + " request=" + id.group(1)
            + " attempt=" + attempt + "\n");
        if (outcome == BuildExtract.Outcome.RETRY) {
          failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        }
      } catch (Unavailable e) {
        context.getLogger().log("extract waits request=" + id.group(1) + " dependency=" + e.dependency() + "\n");
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      } catch (RuntimeException e) {
        context.getLogger().log("extract failed request=" + id.group(1) + " (" + e.getClass().getSimpleName() + ")\n");
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }

  private static int attempt(SQSEvent.SQSMessage message) {
    try {
      return Integer.parseInt(message.getAttributes().getOrDefault("ApproximateReceiveCount", "1"));
    } catch (RuntimeException e) {
      return 1;
    }
  }
}
