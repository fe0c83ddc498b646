package se.npprod.privacy.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.Env;
import se.npprod.privacy.aws.ErasureTable;
import se.npprod.privacy.aws.HttpErasure;
import se.npprod.privacy.aws.HttpExports;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.SecretBytes;
import se.npprod.privacy.aws.SesOutbox;
import se.npprod.privacy.aws.SubjectTable;
import se.npprod.privacy.aws.Table;
import se.npprod.privacy.core.erasure.LiftRestrictions;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.FollowUpRequests;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.policy.BundledPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * FollowUpFunction, on an hourly schedule: reminds people who have not confirmed their request, and
 * closes requests whose link ran out (see {@link FollowUpRequests}); lifts the restrictions whose
 * notice period is over ({@link LiftRestrictions}). The schedule's event says nothing this needs,
 * so it is not read: the run looks at the table as it is.
 */
public class FollowUpHandler implements RequestStreamHandler {
  /** Where the system's own metrics go (template.yaml's alarms read them there). */
  static final String METRICS_NAMESPACE = "NPProdukter/Privacy";

  private final FollowUpRequests followUps;
  private final LiftRestrictions lifts;

  /** Used by Lambda: real adapters, from template.yaml's environment. */
  public FollowUpHandler() {
    this(BundledPolicy.policy(), Clock.systemUTC());
  }

  private FollowUpHandler(Policy policy, Clock clock) {
    this(policy, AwsClients.dynamoDb(), Env.require(Table.TABLE_NAME_ENV), clock);
  }

  private FollowUpHandler(Policy policy, DynamoDbClient dynamo, String table, Clock clock) {
    this(new FollowUpRequests(policy, new RequestTable(dynamo, table, policy.timezone()),
        new SesOutbox(AwsClients.sesV2(), Env.require(SesOutbox.FROM_ENV), Env.optional(SesOutbox.CONFIGURATION_SET_ENV)),
        VerificationLinks.under(Env.require(IntakeHandler.PUBLIC_URL_ENV)), clock),
        liftRestrictions(policy, dynamo, table, clock));
  }

  /**
   * Our table, and the HTTP systems told {@code unrestrict} as ErasureFunction tells them
   * {@code restrict}: the same connector secret, read only when a system is to be told.
   */
  private static LiftRestrictions liftRestrictions(Policy policy, DynamoDbClient dynamo, String table, Clock clock) {
    var secrets = AwsClients.secretsManager();
    String arn = Env.require(HttpExports.SECRET_ENV);
    return new LiftRestrictions(policy, new RequestTable(dynamo, table, policy.timezone()), new ErasureTable(dynamo, table),
        new SubjectTable(dynamo, table), new HttpErasure(() -> new String(SecretBytes.read(secrets, arn),
            StandardCharsets.UTF_8), clock), clock);
  }

  FollowUpHandler(FollowUpRequests followUps, LiftRestrictions lifts) {
    this.followUps = followUps;
    this.lifts = lifts;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    FollowUpRequests.Report report = followUps.run();
    String line = "{\"reminded\":" + report.reminded() + ",\"expired\":" + report.expired() + ",\"cleared\":"
        + report.cleared() + ",\"overdue\":" + report.overdue() + "}";
    context.getLogger().log("follow-ups " + line + "\n");
    // CloudWatch embedded metric format: the log line is the metric, which alarm OverdueErasures watches.
    context.getLogger().log("{\"_aws\":{\"Timestamp\":" + System.currentTimeMillis() + ",\"CloudWatchMetrics\":[{"
        + "\"Namespace\":\"" + METRICS_NAMESPACE + "\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"OverdueErasures\","
        + "\"Unit\":\"Count\"}]}]},\"OverdueErasures\":" + report.overdue() + "}\n");
    LiftRestrictions.Report lifted = lifts.run();
    context.getLogger().log("restriction lifts {\"lifted\":" + lifted.lifted() + ",\"waiting\":" + lifted.waiting() + "}\n");
    output.write(line.getBytes(StandardCharsets.UTF_8));
  }
}
