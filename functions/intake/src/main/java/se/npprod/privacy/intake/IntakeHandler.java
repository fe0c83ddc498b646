package se.npprod.privacy.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.Env;
import se.npprod.privacy.aws.ErasureTable;
import se.npprod.privacy.aws.QueueFulfilment;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.RetentionTable;
import se.npprod.privacy.aws.S3ExtractDownloads;
import se.npprod.privacy.aws.S3ExtractFiles;
import se.npprod.privacy.aws.SecretBytes;
import se.npprod.privacy.aws.SesOutbox;
import se.npprod.privacy.aws.SqsErasureQueue;
import se.npprod.privacy.aws.Table;
import se.npprod.privacy.core.erasure.ConfirmRectification;
import se.npprod.privacy.core.erasure.ErasurePlans;
import se.npprod.privacy.core.erasure.ErasureQueue;
import se.npprod.privacy.core.erasure.ScheduleRestrictionLift;
import se.npprod.privacy.core.extract.ExtractDownloads;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.ExtendDeadline;
import se.npprod.privacy.core.request.Fulfilment;
import se.npprod.privacy.core.request.Outbox;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.SubmitRequest;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.core.request.VerifyRequest;
import se.npprod.privacy.core.retention.PlaceHold;
import se.npprod.privacy.core.retention.RetentionStore;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.http.HttpApiEvents;
import se.npprod.privacy.policy.BundledPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * IntakeFunction: {@code POST /requests} (the privacy page's form) and {@code /requests/verify}
 * (the confirmation link), the extract's and the processors' links, and the privacy team's routes
 * under {@code /team}. The subject-key secret is read once per container, here at init.
 */
public class IntakeHandler implements RequestStreamHandler {
  /** Where confirmation links point: the public address of this API. */
  static final String PUBLIC_URL_ENV = "PUBLIC_API_URL";

  private final IntakeApi api;

  /** Used by Lambda: real adapters, from template.yaml's environment. */
  public IntakeHandler() {
    this(BundledPolicy.policy(), Clock.systemUTC());
  }

  private IntakeHandler(Policy policy, Clock clock) {
    this(policy, AwsClients.dynamoDb(), Env.require(Table.TABLE_NAME_ENV), AwsClients.sqs(), clock);
  }

  /** One client of each kind per container, shared by every adapter that needs it. */
  private IntakeHandler(Policy policy, DynamoDbClient dynamo, String table,
      SqsClient sqs, Clock clock) {
    this(policy, new SubjectKeys(SecretBytes.read(AwsClients.secretsManager(), Env.require(SecretBytes.SUBJECT_KEY_ENV))),
        new RequestTable(dynamo, table, policy.timezone()),
        new SesOutbox(AwsClients.sesV2(), Env.require(SesOutbox.FROM_ENV), Env.optional(SesOutbox.CONFIGURATION_SET_ENV)),
        new QueueFulfilment(sqs, Env.require(QueueFulfilment.QUEUE_URL_ENV), Env.require(QueueFulfilment.ERASURE_QUEUE_URL_ENV)),
        VerificationLinks.under(Env.require(PUBLIC_URL_ENV)),
        // Extracts' download links: the token's entry in the table, then a one-minute link to S3.
        new S3ExtractDownloads(AwsClients.s3Presigner(), Env.require(S3ExtractFiles.BUCKET_ENV), dynamo, table),
        new ErasureTable(dynamo, table, policy.timezone()), new SqsErasureQueue(sqs, Env.require(QueueFulfilment.ERASURE_QUEUE_URL_ENV)),
        new RetentionTable(dynamo, table, policy.timezone(), policy.requests().keepClosedFor()), clock);
  }

  /** The test seam: any store, outbox and fulfilment. */
  IntakeHandler(Policy policy, SubjectKeys keys, RequestStore store, Outbox outbox, Fulfilment fulfilment,
      VerificationLinks links, ExtractDownloads downloads, ErasurePlans erasurePlans, ErasureQueue erasureQueue,
      RetentionStore retention, Clock clock) {
    this.api = new IntakeApi(policy, new SubmitRequest(policy, keys, store, outbox, links, clock),
        new VerifyRequest(policy, store, fulfilment, clock), new ExtendDeadline(policy, store, outbox, clock), store,
        downloads, erasurePlans, erasureQueue, new TeamApi(new ConfirmRectification(store, erasurePlans, erasureQueue, clock),
            new ScheduleRestrictionLift(policy, store, outbox, clock), new PlaceHold(policy, keys, retention, clock)), clock);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    HttpApiEvents.write(handleRequest(HttpApiEvents.read(input), context), output);
  }

  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    APIGatewayV2HTTPResponse response = api.handle(event);
    // Route and status only: never the body, the address or the token.
    context.getLogger().log("route=\"" + event.getRouteKey() + "\" status=" + response.getStatusCode() + "\n");
    return response;
  }
}
