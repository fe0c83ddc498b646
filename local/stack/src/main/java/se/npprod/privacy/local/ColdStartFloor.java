package se.npprod.privacy.local;

import java.util.Map;
import java.util.UUID;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.Env;
import se.npprod.privacy.aws.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The least a function that records one decision must do, as a yardstick for its cold start: in a
 * fresh JVM with the function's jar, environment and JVM options, build the DynamoDB client exactly
 * as functions do ({@link AwsClients}) and write one item. Nothing else: no policy, no handler, no
 * runtime client. {@code ./dev bench} runs it beside the real cold start and prints the ratio.
 */
public final class ColdStartFloor {
  /** Printed when the write is done; the benchmark stops its clocks on it. */
  static final String DONE = "floor: one item written";

  private ColdStartFloor() {}

  public static void main(String[] args) {
    DynamoDbClient dynamo = AwsClients.dynamoDb();
    String id = UUID.randomUUID().toString();
    dynamo.putItem(b -> b.tableName(Env.require(Table.TABLE_NAME_ENV)).item(Map.of(
        Table.PK, AttributeValue.fromS("FLOOR#" + id),
        Table.SK, AttributeValue.fromS("FLOOR"),
        Table.TTL, AttributeValue.fromN(Long.toString(System.currentTimeMillis() / 1000 + 3600)))));
    System.out.println(DONE);
    System.out.flush();
    // Stay until stopped, so that CPU time and peak memory can be read as the function's are.
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
