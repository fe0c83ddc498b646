package se.npprod.privacy.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.Env;
import se.npprod.privacy.aws.ErasureTable;
import se.npprod.privacy.aws.HttpErasure;
import se.npprod.privacy.aws.HttpExports;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.SecretBytes;
import se.npprod.privacy.aws.SecretProcessorContacts;
import se.npprod.privacy.aws.SesOutbox;
import se.npprod.privacy.aws.SubjectTable;
import se.npprod.privacy.aws.Table;
import se.npprod.privacy.core.erasure.FollowUpProcessors;
import se.npprod.privacy.core.erasure.LiftRestrictions;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.FollowUpRequests;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.policy.BundledPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * FollowUpFunction, on an hourly schedule: reminds people who have not confirmed their request,
 * closes requests whose link ran out, counts erasures past their target, and reminds a processor
 * asked by mail that has not confirmed, then tells the privacy team (see {@link FollowUpRequests}
 * and {@link FollowUpProcessors}); and lifts the restrictions whose notice period is over
 * ({@link LiftRestrictions}). The schedule's event says nothing this needs, so it is not read: the
 * run looks at the table as it is.
 */
public class FollowUpHandler implements RequestStreamHandler {
  /** Where the system's own metrics go (template.yaml's alarms read them there). */
  static final String METRICS_NAMESPACE = "NPProdukter/Privacy";
  /** Where escalations go (template.yaml: PrivacyTeamAddress); never the intake address. */
  static final String PRIVACY_TEAM_ENV = "PRIVACY_TEAM_ADDRESS";

  private final FollowUpRequests followUps;
  private final LiftRestrictions lifts;

  /** Used by Lambda: real adapters, from template.yaml's environment. */
  public FollowUpHandler() {
    this(BundledPolicy.policy(), AwsClients.dynamoDb(), Env.require(Table.TABLE_NAME_ENV), connectorSecret(),
        Clock.systemUTC());
  }

  /** One client of each kind per container, shared by every adapter that needs it. */
  private FollowUpHandler(Policy policy, DynamoDbClient dynamo, String table, Supplier<String> connectors, Clock clock) {
    this(followUps(policy, dynamo, table, connectors, clock), new LiftRestrictions(policy,
        new RequestTable(dynamo, table, policy.timezone()), new ErasureTable(dynamo, table, policy.timezone()),
        new SubjectTable(dynamo, table), new HttpErasure(connectors, clock), clock));
  }

  private static FollowUpRequests followUps(Policy policy, DynamoDbClient dynamo, String table,
      Supplier<String> connectors, Clock clock) {
    RequestTable requests = new RequestTable(dynamo, table, policy.timezone());
    SesOutbox outbox = new SesOutbox(AwsClients.sesV2(), Env.require(SesOutbox.FROM_ENV),
        Env.optional(SesOutbox.CONFIGURATION_SET_ENV));
    VerificationLinks links = VerificationLinks.under(Env.require(IntakeHandler.PUBLIC_URL_ENV));
    EmailAddress team = EmailAddress.parse(Env.require(PRIVACY_TEAM_ENV))
        .orElseThrow(() -> new IllegalStateException(PRIVACY_TEAM_ENV + " is not an email address"));
    FollowUpProcessors processors = new FollowUpProcessors(policy, requests,
        new ErasureTable(dynamo, table, policy.timezone()), new SecretProcessorContacts(connectors, clock), links,
        outbox, team);
    return new FollowUpRequests(policy, requests, outbox, links, processors, clock);
  }

  /**
   * The connector secret's current value, read only when it is needed: a processor's contact for a
   * follow-up, or an HTTP system to be told {@code unrestrict} as ErasureFunction told it {@code restrict}.
   */
  private static Supplier<String> connectorSecret() {
    var secrets = AwsClients.secretsManager();
    String arn = Env.require(HttpExports.SECRET_ENV);
    return () -> new String(SecretBytes.read(secrets, arn), StandardCharsets.UTF_8);
  }

  FollowUpHandler(FollowUpRequests followUps, LiftRestrictions lifts) {
    this.followUps = followUps;
    this.lifts = lifts;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    FollowUpRequests.Report report = followUps.run();
    String line = "{\"reminded\":" + report.reminded() + ",\"expired\":" + report.expired() + ",\"cleared\":"
        + report.cleared() + ",\"overdue\":" + report.overdue() + ",\"processorReminders\":"
        + report.processorReminders() + ",\"escalations\":" + report.escalations() + "}";
    context.getLogger().log("follow-ups " + line + "\n");
    // CloudWatch embedded metric format: the log line is the metrics, which alarms OverdueErasures and
    // ProcessorEscalations watch.
    context.getLogger().log("{\"_aws\":{\"Timestamp\":" + System.currentTimeMillis() + ",\"CloudWatchMetrics\":[{"
        + "\"Namespace\":\"" + METRICS_NAMESPACE + "\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"OverdueErasures\","
        + "\"Unit\":\"Count\"},{\"Name\":\"ProcessorEscalations\",\"Unit\":\"Count\"}]}]},\"OverdueErasures\":"
        + report.overdue() + ",\"ProcessorEscalations\":" + report.escalations() + "}\n");
    LiftRestrictions.Report lifted = lifts.run();
    context.getLogger().log("restriction lifts {\"lifted\":" + lifted.lifted() + ",\"waiting\":" + lifted.waiting() + "}\n");
    output.write(line.getBytes(StandardCharsets.UTF_8));
  }
}
