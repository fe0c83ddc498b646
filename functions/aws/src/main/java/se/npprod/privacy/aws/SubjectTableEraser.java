package se.npprod.privacy.aws;

import static se.npprod.privacy.aws.Items.bool;
import static se.npprod.privacy.aws.Items.s;
import static se.npprod.privacy.aws.Items.string;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.npprod.privacy.core.erasure.ConnectorResult;
import se.npprod.privacy.core.erasure.SubjectEraser;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.port.Unavailable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Erases one subject from our own table: every item of the partition {@code S#<subject>} goes
 * (profile, activities, open-request slots, whatever else is filed there), except invoices still
 * inside their bookkeeping period, which are cut down to the policy's bookkeeping fields and marked
 * restricted (Art. 18(2): kept for storage only, until {@code deletableFrom}). Only that one
 * partition is read or written: requests, consent and other subjects are never touched.
 *
 * <p>Deletes go through BatchWriteItem rather than conditional DeleteItem calls: a delete of an item
 * already gone succeeds anyway, so a condition would add nothing to idempotence, and 25 deletes per
 * call keep a long history to a few round trips inside the worker's time limit. An activity written
 * while the erasure runs is not caught by either choice; the worker runs again for that.
 *
 * <p>An invoice is reduced by a PutItem of the reduced item rather than an UpdateItem that REMOVEs
 * the other attributes: the Put keeps a list of what may stay (the policy's fields), so nothing
 * added to invoices later, or written between our read and our write, can slip through a list of
 * what must go. It is conditional on the invoice still existing, so that an invoice DynamoDB's TTL
 * removed meanwhile is not written back.
 */
public final class SubjectTableEraser implements SubjectEraser {
  private static final String TABLE = "table";
  /** BatchWriteItem's limit per call. */
  private static final int BATCH = 25;
  /** Unprocessed deletes are throttling; a few short rounds ride it out, then the task retries later. */
  private static final int ATTEMPTS = 5;
  private static final long FIRST_BACKOFF_MILLIS = 50;

  static final String DELETABLE_FROM = "deletableFrom";
  static final String RESTRICTED = "restricted";
  static final String RESTRICTED_AT = "restrictedAt";

  private final DynamoDbClient dynamo;
  private final String table;
  private final Policy.Bookkeeping bookkeeping;

  public SubjectTableEraser(DynamoDbClient dynamo, String table, Policy.Bookkeeping bookkeeping) {
    this.dynamo = dynamo;
    this.table = table;
    this.bookkeeping = bookkeeping;
  }

  @Override
  public ConnectorResult erase(String subject, Instant now) {
    String pk = Table.subject(subject);
    long deleted = 0;
    long invoicesKept = 0;
    long invoicesDeleted = 0;
    Map<String, AttributeValue> start = null;
    do {
      QueryResponse page = page(pk, start);
      List<Map<String, AttributeValue>> deletes = new ArrayList<>();
      for (Map<String, AttributeValue> item : page.items()) {
        String sk = string(item, Table.SK);
        if (!sk.startsWith(Table.INVOICE_PREFIX)) {
          deletes.add(Items.key(pk, sk));
          deleted++;
        } else if (pastBookkeeping(item, now)) {
          deletes.add(Items.key(pk, sk));
          invoicesDeleted++;
        } else if (keepRestricted(item, now)) {
          invoicesKept++;
        }
      }
      // Deleting what this page returned does not disturb the next page: it starts after a key,
      // whether or not that key still exists.
      delete(deletes);
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return ConnectorResult.done(Map.of("deleted", deleted, "invoicesKept", invoicesKept,
        "invoicesDeleted", invoicesDeleted));
  }

  private QueryResponse page(String pk, Map<String, AttributeValue> from) {
    // Consistent: an item written just before the erasure began must not be missed.
    return Dependency.call(TABLE, () -> dynamo.query(b -> {
      b.tableName(table).keyConditionExpression("pk = :pk")
          .expressionAttributeValues(Map.of(":pk", s(pk))).consistentRead(true);
      if (from != null) {
        b.exclusiveStartKey(from);
      }
    }));
  }

  /**
   * Whether the invoice's bookkeeping period is over. {@code expiresAt} is the start of
   * {@code deletableFrom} in the policy's time zone (as {@link SubjectTable} writes it), so comparing
   * with it decides on the Swedish calendar day without this adapter knowing the zone. Without it,
   * {@code deletableFrom} is read as a UTC day, which starts no earlier than the Swedish one: an
   * invoice is never deleted before its legal deadline. Without either, nothing proves the period
   * over, and the invoice is kept.
   */
  private static boolean pastBookkeeping(Map<String, AttributeValue> item, Instant now) {
    AttributeValue expiresAt = item.get(Table.TTL);
    if (expiresAt != null && expiresAt.n() != null) {
      return !now.isBefore(Instant.ofEpochSecond(Long.parseLong(expiresAt.n())));
    }
    String from = string(item, DELETABLE_FROM);
    return from != null && !now.isBefore(LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** Writes the reduced invoice unless it is reduced already; false if it vanished meanwhile. */
  private boolean keepRestricted(Map<String, AttributeValue> item, Instant now) {
    Map<String, AttributeValue> reduced = new HashMap<>();
    for (String name : allowed()) {
      AttributeValue value = item.get(name);
      if (value != null) {
        reduced.put(name, value);
      }
    }
    reduced.put(RESTRICTED, bool(true));
    // A second run keeps the day the restriction began, not the day it was confirmed again.
    AttributeValue restricted = item.get(RESTRICTED);
    AttributeValue since = item.get(RESTRICTED_AT);
    boolean already = restricted != null && Boolean.TRUE.equals(restricted.bool()) && since != null;
    reduced.put(RESTRICTED_AT, already ? since : s(now.toString()));
    if (reduced.equals(item)) {
      return true;
    }
    try {
      Dependency.call(TABLE, () -> dynamo.putItem(b -> b.tableName(table).item(reduced)
          .conditionExpression("attribute_exists(pk)")));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** What a kept invoice may hold: its keys, the policy's accounting fields and its own deadline. */
  private List<String> allowed() {
    // The index entry stays: the retention scan deletes the invoice when its period is over.
    List<String> names = new ArrayList<>(List.of(Table.PK, Table.SK, DELETABLE_FROM, Table.TTL, Table.DUE_DAY,
        Table.DUE_KEY));
    names.addAll(bookkeeping.fields());
    return names;
  }

  private void delete(List<Map<String, AttributeValue>> keys) {
    for (int i = 0; i < keys.size(); i += BATCH) {
      List<WriteRequest> pending = keys.subList(i, Math.min(i + BATCH, keys.size())).stream()
          .map(k -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(k).build()).build())
          .toList();
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        if (attempt == ATTEMPTS) {
          throw new Unavailable(TABLE, new UnprocessedDeletes(pending.size()));
        }
        if (attempt > 0) {
          pause(FIRST_BACKOFF_MILLIS << (attempt - 1));
        }
        List<WriteRequest> batch = pending;
        BatchWriteItemResponse response = Dependency.call(TABLE,
            () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch))));
        pending = response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable(TABLE, e);
    }
  }

  /** DynamoDB kept refusing part of a batch (throttling): the erasure is retried as a whole later. */
  static final class UnprocessedDeletes extends RuntimeException {
    UnprocessedDeletes(int count) {
      super(count + " deletes left unprocessed");
    }
  }
}
