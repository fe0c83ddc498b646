package se.npprod.privacy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.aws.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code ./dev bench retention}: the retention scan against a large registry through the local
 * stack. N subjects (100,000 by default, {@code -Dbench.subjects=N}), each a profile and one order,
 * of whom 100 ({@code -Dbench.due=N}) reach their 24 months on the day the scan is run for and the
 * rest on the days of the two years after. RetentionFunction is run once for that day, as its
 * schedule runs it on demand ({@code ./dev run-schedule RetentionFunction <day>}), under the Lambda
 * runtime client; its report says how many index entries it read. For comparison the same question
 * is put to a full-table Scan, which the scan never does. A figure to watch, not a test.
 */
public final class RetentionBenchmark {
  private static final int SUBJECTS = Integer.getInteger("bench.subjects", 100_000);
  private static final int DUE = Integer.getInteger("bench.due", 100);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

  private RetentionBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (LocalStack stack = LocalStack.start(0)) {
      DynamoDbClient dynamo = stack.cloud().emulators().endpoints().dynamoDbClient();
      String table = stack.cloud().physicalName("PrivacyTable");
      // A day well ahead of the stack's clock: the subjects are written as if recorded two years earlier.
      LocalDate day = LocalDate.now(ZONE).plusYears(2).withDayOfMonth(1);

      long loadStart = System.nanoTime();
      List<WriteRequest> batch = new ArrayList<>();
      for (int i = 0; i < SUBJECTS; i++) {
        LocalDate deadline = i < DUE ? day : day.plusDays(1 + (i % 729));
        String pk = Table.subject(String.format("bench%059d", i));
        batch.add(put(profile(pk, i, deadline)));
        batch.add(put(order(pk, i, deadline)));
        if (batch.size() == 24) {
          write(dynamo, table, batch);
        }
      }
      write(dynamo, table, batch);
      System.out.printf("%,d subjects (%,d items) written in %.1f s; %d due on %s%n", SUBJECTS, 2 * SUBJECTS,
          (System.nanoTime() - loadStart) / 1e9, DUE, day);

      // The comparison: the same question put to the whole table.
      long scanStart = System.nanoTime();
      long scanned = 0;
      long found = 0;
      Map<String, AttributeValue> start = null;
      do {
        Map<String, AttributeValue> from = start;
        ScanResponse page = dynamo.scan(b -> {
          b.tableName(table).filterExpression("#day <= :day AND begins_with(#key, :subject)")
              .expressionAttributeNames(Map.of("#day", Table.DUE_DAY, "#key", Table.DUE_KEY))
              .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(day.toString()),
                  ":subject", AttributeValue.fromS(Table.RETENTION_PREFIX + "S#")));
          if (from != null) {
            b.exclusiveStartKey(from);
          }
        });
        scanned += page.scannedCount();
        found += page.count();
        start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
      } while (start != null);
      double scanSeconds = (System.nanoTime() - scanStart) / 1e9;

      LocalScheduler scheduler = stack.scheduler();
      long runStart = System.nanoTime();
      LocalScheduler.Run run = scheduler.runNow(scheduler.find("RetentionFunction"), Optional.of(day)).get();
      double runSeconds = (System.nanoTime() - runStart) / 1e9;
      if (!(run.outcome() instanceof RuntimeApi.Outcome.Response response)) {
        throw new IllegalStateException("RetentionFunction failed: " + run.outcome());
      }
      JsonNode report = JSON.readTree(response.payload());
      int due = report.get("subjectsDue").asInt();
      int read = report.get("entriesRead").asInt();

      System.out.printf("%nThe retention scan for %s over %,d subjects (RetentionFunction under the runtime client):%n",
          day, SUBJECTS);
      System.out.printf("  subjects due: %d; erasures enqueued: %d%n", due, report.get("erasuresEnqueued").asInt());
      System.out.printf("  index entries read: %d; read per subject due: %.2f%n", read, read / (double) Math.max(1, due));
      System.out.printf("  run time (invocation to response): %.2f s%n", runSeconds);
      System.out.printf("A full-table Scan for the same subjects (never used by the function):%n");
      System.out.printf("  items read: %,d; found: %d; read per subject due: %,.0f; time: %.2f s%n", scanned, found,
          scanned / (double) Math.max(1, found), scanSeconds);
    }
  }

  private static WriteRequest put(Map<String, AttributeValue> item) {
    return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
  }

  private static void write(DynamoDbClient dynamo, String table, List<WriteRequest> batch) {
    List<WriteRequest> left = new ArrayList<>(batch);
    while (!left.isEmpty()) {
      List<WriteRequest> sending = left;
      var unprocessed = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, sending))).unprocessedItems();
      left = unprocessed.getOrDefault(table, List.of());
    }
    batch.clear();
  }

  /** A profile as SubjectTable writes it: on the "due" index on its deadline. */
  private static Map<String, AttributeValue> profile(String pk, int i, LocalDate deadline) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Table.PK, AttributeValue.fromS(pk));
    item.put(Table.SK, AttributeValue.fromS(Table.PROFILE_SK));
    item.put("email", AttributeValue.fromS("kund" + i + "@example.se"));
    item.put("name", AttributeValue.fromS("Kund " + i));
    item.put("customerNumbers", AttributeValue.fromL(List.of(AttributeValue.fromS("K-" + i))));
    item.put("systems", AttributeValue.fromL(List.of(AttributeValue.fromS("webshop"))));
    String last = deadline.minusYears(2).atTime(10, 0).atZone(ZONE).toInstant().toString();
    item.put("contactUpdatedAt", AttributeValue.fromS(last));
    item.put("lastActivityAt", AttributeValue.fromS(last));
    item.put("deadline", AttributeValue.fromS(deadline.toString()));
    item.put(Table.TTL, AttributeValue.fromN(Long.toString(deadline.atTime(10, 0).atZone(ZONE).toEpochSecond())));
    item.put("version", AttributeValue.fromN("1"));
    item.put(Table.DUE_DAY, AttributeValue.fromS(deadline.toString()));
    item.put(Table.DUE_KEY, AttributeValue.fromS(Table.retentionKey(pk, Table.PROFILE_SK)));
    return item;
  }

  private static Map<String, AttributeValue> order(String pk, int i, LocalDate deadline) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Table.PK, AttributeValue.fromS(pk));
    item.put(Table.SK, AttributeValue.fromS(Table.ACTIVITY_PREFIX + deadline.minusYears(2) + "#bench-" + i));
    item.put("kind", AttributeValue.fromS("order"));
    item.put("orderId", AttributeValue.fromS("B" + i));
    item.put("total", AttributeValue.fromS("149.00"));
    item.put(Table.TTL, AttributeValue.fromN(Long.toString(deadline.atTime(10, 0).atZone(ZONE).toEpochSecond())));
    return item;
  }
}
