package se.npprod.privacy.aws;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Reading and writing item attributes, the same way in every adapter. */
final class Items {
  private Items() {}

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static AttributeValue bool(boolean value) {
    return AttributeValue.fromBool(value);
  }

  /** DynamoDB refuses empty string sets: an empty collection is stored as an empty list instead. */
  static AttributeValue strings(Collection<String> values) {
    return values.isEmpty() ? AttributeValue.fromL(List.of()) : AttributeValue.fromSs(List.copyOf(values));
  }

  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(Table.PK, s(pk), Table.SK, s(sk));
  }

  static void putIf(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  static Optional<String> optional(Map<String, AttributeValue> item, String name) {
    return Optional.ofNullable(string(item, name));
  }

  static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }

  static Instant instant(Map<String, AttributeValue> item, String name) {
    String v = string(item, name);
    return v == null ? null : Instant.parse(v);
  }

  static List<String> stringList(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    if (v == null) {
      return List.of();
    }
    return v.hasSs() ? v.ss() : v.hasL() ? v.l().stream().map(AttributeValue::s).toList() : List.of();
  }

  /** A put in a transaction, with its condition if any. */
  static TransactWriteItem put(String table, Map<String, AttributeValue> item, String condition) {
    Put.Builder put = Put.builder().tableName(table).item(item);
    if (condition != null) {
      put.conditionExpression(condition);
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }

  /**
   * One transaction whose first item carries the condition that decides it: false, and nothing
   * written, when that condition fails; any other cancellation is thrown.
   */
  static boolean transactIfFirstHolds(DynamoDbClient dynamo, List<TransactWriteItem> writes) {
    try {
      Dependency.call("table", () -> dynamo.transactWriteItems(b -> b.transactItems(writes)));
      return true;
    } catch (TransactionCanceledException e) {
      if (conditionFailed(e.cancellationReasons(), 0)) {
        return false;
      }
      throw e;
    }
  }

  /** Whether the transaction's item at {@code index} failed its condition. */
  static boolean conditionFailed(List<CancellationReason> reasons, int index) {
    return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
  }
}
