package se.npprod.privacy.erasure;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.Env;
import se.npprod.privacy.aws.ErasureTable;
import se.npprod.privacy.aws.HttpErasure;
import se.npprod.privacy.aws.HttpExports;
import se.npprod.privacy.aws.QueueFulfilment;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.SecretBytes;
import se.npprod.privacy.aws.SecretProcessorContacts;
import se.npprod.privacy.aws.SesOutbox;
import se.npprod.privacy.aws.SqsErasureQueue;
import se.npprod.privacy.aws.SubjectTable;
import se.npprod.privacy.aws.SubjectTableEraser;
import se.npprod.privacy.aws.Table;
import se.npprod.privacy.core.erasure.ErasureTask;
import se.npprod.privacy.core.erasure.PlanErasure;
import se.npprod.privacy.core.erasure.RunErasureTask;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.port.Unavailable;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.policy.BundledPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ErasureFunction, on the erasure queue. A {@code {"requestId","action":"plan"}} message plans a
 * verified erasure (one task per system, put back on this queue); a {@code {"requestId","system"}}
 * message runs one system's task. A task that cannot be done now (a system down, 5xx) is reported
 * as a batch item failure: SQS brings it back after the visibility timeout, and after the queue's
 * receive limit it goes to the dead-letter queue, where an alarm calls a person. One failing task
 * never holds up the others in its batch.
 */
public class ErasureHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  static final String QUEUE_URL_ENV = QueueFulfilment.ERASURE_QUEUE_URL_ENV;
  private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\"\\s*:\\s*\"([a-z2-7]{26})\"");
  private static final Pattern SYSTEM = Pattern.compile("\"system\"\\s*:\\s*\"([a-z][a-zA-Z0-9]{0,39})\"");
  private static final Pattern PLAN = Pattern.compile("\"action\"\\s*:\\s*\"plan\"");

  private final PlanErasure plan;
  private final RunErasureTask run;
  private final Backoff backoff;

  /**
   * When a task that could not be done comes back. SQS would bring it back after the queue's
   * visibility timeout (six minutes) every time; a system that is down for a moment is better asked
   * again soon, and one that stays down less and less often: 15 s, 30 s, 1 min, … at most 15 min.
   */
  interface Backoff {
    void later(SQSEvent.SQSMessage message, int attempt);

    static int seconds(int attempt) {
      return (int) Math.min(900, 15L << Math.min(10, Math.max(0, attempt - 1)));
    }
  }

  /** Used by Lambda: real adapters, from template.yaml's environment. */
  public ErasureHandler() {
    this(BundledPolicy.policy(), Clock.systemUTC());
  }

  private ErasureHandler(Policy policy, Clock clock) {
    this(policy, AwsClients.dynamoDb(), Env.require(Table.TABLE_NAME_ENV), clock);
  }

  private ErasureHandler(Policy policy, DynamoDbClient dynamo, String table, Clock clock) {
    this(policy, dynamo, table, new RequestTable(dynamo, table, policy.timezone()),
        new ErasureTable(dynamo, table, policy.timezone()),
        new SubjectTable(dynamo, table), AwsClients.sqs(), Env.require(QUEUE_URL_ENV), connectorSecret(), clock);
  }

  /** One client and one reader of each kind, shared by planning and running (built once per container). */
  private ErasureHandler(Policy policy, DynamoDbClient dynamo, String table, RequestTable requests, ErasureTable plans,
      SubjectTable subjects, SqsClient sqs, String queueUrl,
      Supplier<String> connectors, Clock clock) {
    this(new PlanErasure(policy, requests, subjects, plans, new SqsErasureQueue(sqs, queueUrl), clock),
        new RunErasureTask(policy, requests, plans, new SubjectTableEraser(dynamo, table, policy.retention().bookkeeping()),
            subjects, new HttpErasure(connectors, clock), new HttpExports(connectors, clock),
            new SecretProcessorContacts(connectors, clock), VerificationLinks.under(Env.require("PUBLIC_API_URL")),
            new SesOutbox(AwsClients.sesV2(), Env.require(SesOutbox.FROM_ENV), Env.optional(SesOutbox.CONFIGURATION_SET_ENV)),
            clock),
        visibility(sqs, queueUrl));
  }

  /** The backoff as SQS plays it: the message's visibility timeout, changed for this receive only. */
  private static Backoff visibility(SqsClient sqs, String queueUrl) {
    return (message, attempt) -> {
      try {
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.getReceiptHandle())
            .visibilityTimeout(Backoff.seconds(attempt)));
      } catch (RuntimeException e) {
        // The queue's own visibility timeout then applies: later, never lost.
      }
    };
  }

  private static Supplier<String> connectorSecret() {
    var secrets = AwsClients.secretsManager();
    String arn = Env.require(HttpExports.SECRET_ENV);
    return () -> new String(SecretBytes.read(secrets, arn), StandardCharsets.UTF_8);
  }

  ErasureHandler(PlanErasure plan, RunErasureTask run, Backoff backoff) {
    this.plan = plan;
    this.run = run;
    this.backoff = backoff;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      String body = String.valueOf(message.getBody());
      Matcher id = REQUEST_ID.matcher(body);
      Matcher system = SYSTEM.matcher(body);
      boolean planning = PLAN.matcher(body).find();
      if (!id.find() || !planning && !system.find()) {
        // Not ours to guess at: to the dead-letter queue after its receives, where a person sees it.
        context.getLogger().log("erasure message unreadable messageId=" + message.getMessageId() + "\n");
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        continue;
      }
      try {
        String outcome;
        if (planning) {
          outcome = plan.plan(id.group(1)).name();
        } else {
          RunErasureTask.Outcome result = run.run(new ErasureTask(id.group(1), system.group(1)));
          outcome = result.name() + " system=" + system.group(1);
          if (result == RunErasureTask.Outcome.RETRY) {
            backoff.later(message, attempt(message));
            failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
          }
        }
        context.getLogger().log("erasure " + outcome.toLowerCase(Locale.ROOT) + " request=" + id.group(1) + "\n");
      } catch (Unavailable e) {
        context.getLogger().log("erasure waits request=" + id.group(1) + " dependency=" + e.dependency() + "\n");
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      } catch (RuntimeException e) {
        context.getLogger().log("erasure failed request=" + id.group(1) + " (" + e.getClass().getSimpleName() + ")\n");
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
