package se.npprod.privacy.retention;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.Env;
import se.npprod.privacy.aws.QueueFulfilment;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.RetentionTable;
import se.npprod.privacy.aws.SqsErasureQueue;
import se.npprod.privacy.aws.SubjectTable;
import se.npprod.privacy.aws.Table;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.retention.RetentionScan;
import se.npprod.privacy.policy.BundledPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * RetentionFunction, once a day on an EventBridge Scheduler schedule (template.yaml, in
 * Europe/Stockholm time): the 24-month rule (see {@link RetentionScan}). The schedule's input is a
 * JSON object: {@code dryRun} (report only) and, for a person watching the rule act on a test
 * stack, {@code date}: the day to act as if it were. A date after today is refused unless the
 * stack allows it (parameter AllowPretendDate); in production it would erase people early.
 *
 * <p>A run that nears the Lambda timeout stops after a page, with its checkpoint saved, and fails
 * the invocation on purpose: Lambda's asynchronous retries (two, a minute or two apart) then go on
 * from the checkpoint, and the function's error alarm says the run needed more than one go.
 */
public class RetentionHandler implements RequestStreamHandler {
  static final String ALLOW_PRETEND_DATE_ENV = "ALLOW_PRETEND_DATE";
  /** Left of the timeout when a run stops after its page: one page's work fits well inside it. */
  static final long STOP_WITH_MILLIS_LEFT = 60_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String METRICS_NAMESPACE = "NPProdukter/Privacy";

  private final RetentionScan scan;
  private final Policy policy;
  private final Clock clock;
  private final boolean pretendAllowed;

  /** Used by Lambda: real adapters, from template.yaml's environment. */
  public RetentionHandler() {
    this(BundledPolicy.policy(), AwsClients.dynamoDb(), Env.require(Table.TABLE_NAME_ENV), Clock.systemUTC());
  }

  private RetentionHandler(Policy policy, DynamoDbClient dynamo, String table, Clock clock) {
    this(new RetentionScan(policy, new RetentionTable(dynamo, table, policy.timezone(), policy.requests().keepClosedFor()),
        new SubjectTable(dynamo, table), new RequestTable(dynamo, table, policy.timezone()),
        new SqsErasureQueue(AwsClients.sqs(), Env.require(QueueFulfilment.ERASURE_QUEUE_URL_ENV)), clock),
        policy, clock, "true".equals(Env.optional(ALLOW_PRETEND_DATE_ENV).orElse("false")));
  }

  RetentionHandler(RetentionScan scan, Policy policy, Clock clock, boolean pretendAllowed) {
    this.scan = scan;
    this.policy = policy;
    this.clock = clock;
    this.pretendAllowed = pretendAllowed;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] bytes = input.readAllBytes();
    JsonNode event = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    if (event == null || !event.isObject()) {
      throw new IllegalArgumentException("the schedule's input must be a JSON object");
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), policy.timezone());
    LocalDate day = today;
    if (event.hasNonNull("date")) {
      try {
        day = LocalDate.parse(event.get("date").asText());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("date must be yyyy-mm-dd");
      }
      if (day.isAfter(today) && !pretendAllowed) {
        throw new IllegalArgumentException("a date after today would erase people early; refused (AllowPretendDate is false)");
      }
    }
    boolean dryRun = event.path("dryRun").asBoolean(false);
    // A minute before the timeout, or a fifth of the time given where that is shorter.
    long margin = context == null ? 0 : Math.min(STOP_WITH_MILLIS_LEFT, context.getRemainingTimeInMillis() / 5);
    BooleanSupplier timeLeft = () -> context == null || context.getRemainingTimeInMillis() > margin;
    RetentionScan.Report report = scan.run(day, dryRun, timeLeft);

    Map<String, Object> line = new LinkedHashMap<>();
    line.put("day", report.day().toString());
    line.put("dryRun", report.dryRun());
    line.put("finished", report.finished());
    line.put("alreadyDone", report.alreadyDone());
    line.put("entriesRead", report.entriesRead());
    line.put("subjectsDue", report.subjectsDue());
    line.put("erasuresEnqueued", report.erasuresEnqueued());
    line.put("alreadyErasing", report.alreadyErasing());
    line.put("holdsSkipped", report.holdsSkipped());
    line.put("invoicesDeleted", report.invoicesDeleted());
    line.put("itemsDeleted", report.itemsDeleted());
    String json = JSON.writeValueAsString(line);
    log(context, "retention " + json);
    if (!dryRun) {
      log(context, metrics(report));
    }
    output.write(json.getBytes(StandardCharsets.UTF_8));
    if (!report.finished()) {
      throw new Unfinished(report.day());
    }
  }

  /**
   * CloudWatch embedded metric format: the counts, and RetentionRunsFinished (1 for a run that
   * finished its day), which alarm RetentionNotRun watches: missing for two days, it fires.
   */
  private String metrics(RetentionScan.Report r) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    String[] names = {"RetentionSubjectsDue", "RetentionErasuresEnqueued", "RetentionHoldsSkipped",
        "RetentionItemsDeleted", "RetentionEntriesRead", "RetentionRunsFinished"};
    List<Map<String, String>> metrics = new ArrayList<>();
    for (String name : names) {
      metrics.add(Map.of("Name", name, "Unit", "Count"));
    }
    doc.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
        "Namespace", METRICS_NAMESPACE, "Dimensions", List.of(List.of()), "Metrics", metrics))));
    doc.put("RetentionSubjectsDue", r.subjectsDue());
    doc.put("RetentionErasuresEnqueued", r.erasuresEnqueued());
    doc.put("RetentionHoldsSkipped", r.holdsSkipped());
    doc.put("RetentionItemsDeleted", r.itemsDeleted());
    doc.put("RetentionEntriesRead", r.entriesRead());
    doc.put("RetentionRunsFinished", r.finished() ? 1 : 0);
    return JSON.writeValueAsString(doc);
  }

  private static void log(Context context, String line) {
    if (context != null) {
      context.getLogger().log(line + "\n");
    } else {
      System.out.println(line);
    }
  }

  /** The run stopped before the timeout; its checkpoint is saved and a retry goes on from it. */
  static final class Unfinished extends RuntimeException {
    Unfinished(LocalDate day) {
      super("retention run for " + day + " stopped before the timeout; the next invocation continues from the checkpoint");
    }
  }
}
