package se.npprod.privacy.aws;

import static se.npprod.privacy.aws.Items.key;
import static se.npprod.privacy.aws.Items.n;
import static se.npprod.privacy.aws.Items.s;
import static se.npprod.privacy.aws.Items.string;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.retention.DueEntry;
import se.npprod.privacy.core.retention.Hold;
import se.npprod.privacy.core.retention.RetentionStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The retention scan's view of the table. It reads the sparse "due" index by day (entries under
 * {@code RET#}, keys only), never the whole table. Its own items: the checkpoint
 * ({@code RETENTION} / {@code CHECKPOINT}), each person's legal hold ({@code H#<subject>} /
 * {@code HOLD}, outside the person's partition so that it outlives an erasure) and the run's audit
 * lines ({@code RETENTION#<day>} / {@code EVENT#…}, in codes).
 */
public final class RetentionTable implements RetentionStore {
  private static final String TABLE = "table";
  static final String CHECKPOINT_PK = "RETENTION";
  static final String CHECKPOINT_SK = "CHECKPOINT";
  static final String HOLD_SK = "HOLD";
  /** A closed request's marker in its partition: on the index on the day its record may go. */
  public static final String REQUEST_MARKER_SK = "RETENTION";

  private final DynamoDbClient dynamo;
  private final String table;
  private final ZoneId zone;
  private final Period keepNotes;
  private final SubjectTable subjects;

  /** @param keepNotes how long the run's audit lines are kept (the policy's keep-period for records) */
  public RetentionTable(DynamoDbClient dynamo, String table, ZoneId zone, Period keepNotes) {
    this.dynamo = dynamo;
    this.table = table;
    this.zone = zone;
    this.keepNotes = keepNotes;
    this.subjects = new SubjectTable(dynamo, table);
  }

  @Override
  public Page due(LocalDate day, Optional<String> cursor, int limit) {
    QueryResponse page = Dependency.call(TABLE, () -> dynamo.query(b -> {
      b.tableName(table).indexName(Table.DUE_INDEX).limit(limit)
          .keyConditionExpression("#day = :day AND begins_with(#key, :prefix)")
          .expressionAttributeNames(Map.of("#day", Table.DUE_DAY, "#key", Table.DUE_KEY))
          .expressionAttributeValues(Map.of(":day", s(day.toString()), ":prefix", s(Table.RETENTION_PREFIX)));
      cursor.ifPresent(c -> b.exclusiveStartKey(decode(c)));
    }));
    List<DueEntry> entries = new ArrayList<>();
    for (Map<String, AttributeValue> item : page.items()) {
      String pk = string(item, Table.PK);
      String sk = string(item, Table.SK);
      kind(pk, sk).ifPresent(kind -> entries.add(new DueEntry(kind, day, pk, sk)));
    }
    Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
        ? Optional.of(encode(page.lastEvaluatedKey())) : Optional.empty();
    return new Page(entries, next);
  }

  /** What an index entry stands for, by its item's key; an entry of no known shape is passed by. */
  static Optional<DueEntry.Kind> kind(String pk, String sk) {
    if (pk.startsWith("S#")) {
      return sk.equals(Table.PROFILE_SK) ? Optional.of(DueEntry.Kind.SUBJECT)
          : sk.startsWith(Table.INVOICE_PREFIX) ? Optional.of(DueEntry.Kind.INVOICE) : Optional.empty();
    }
    if (pk.startsWith("R#") && sk.equals(REQUEST_MARKER_SK)) {
      return Optional.of(DueEntry.Kind.REQUEST);
    }
    if (pk.startsWith("V#") && sk.startsWith(Table.CONSENT_PREFIX)) {
      return Optional.of(DueEntry.Kind.CONSENT);
    }
    if (pk.startsWith("TOKEN#") || pk.startsWith("PTOKEN#") || pk.startsWith("DL#")) {
      return Optional.of(DueEntry.Kind.TOKEN);
    }
    return Optional.empty();
  }

  /** The index's LastEvaluatedKey as an opaque string: its four key attributes. */
  private static String encode(Map<String, AttributeValue> key) {
    String joined = String.join("\n", string(key, Table.DUE_DAY), string(key, Table.DUE_KEY), string(key, Table.PK),
        string(key, Table.SK));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, AttributeValue> decode(String cursor) {
    String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 4);
    return Map.of(Table.DUE_DAY, s(parts[0]), Table.DUE_KEY, s(parts[1]), Table.PK, s(parts[2]), Table.SK, s(parts[3]));
  }

  @Override
  public Optional<Checkpoint> checkpoint() {
    Map<String, AttributeValue> item = get(CHECKPOINT_PK, CHECKPOINT_SK);
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Checkpoint(LocalDate.parse(string(item, "runDay")), LocalDate.parse(string(item, "day")),
        Items.optional(item, "cursor"), Boolean.TRUE.equals(item.get("finished").bool()),
        Items.optional(item, "lastFinished").map(LocalDate::parse)));
  }

  @Override
  public void saveCheckpoint(Checkpoint c) {
    Map<String, AttributeValue> item = new HashMap<>(key(CHECKPOINT_PK, CHECKPOINT_SK));
    item.put("runDay", s(c.runDay().toString()));
    item.put("day", s(c.day().toString()));
    c.cursor().ifPresent(v -> item.put("cursor", s(v)));
    item.put("finished", AttributeValue.fromBool(c.finished()));
    c.lastFinished().ifPresent(v -> item.put("lastFinished", s(v.toString())));
    item.put("savedAt", s(Instant.now().toString()));
    Dependency.call(TABLE, () -> dynamo.putItem(b -> b.tableName(table).item(item)));
  }

  @Override
  public Optional<Hold> hold(String subject) {
    Map<String, AttributeValue> item = get(Table.hold(subject), HOLD_SK);
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Hold(subject, string(item, "reason"), string(item, "setBy"),
        Instant.parse(string(item, "setAt")), LocalDate.parse(string(item, "until"))));
  }

  @Override
  public void placeHold(Hold h, Instant keepRecordUntil) {
    Map<String, AttributeValue> item = new HashMap<>(key(Table.hold(h.subject()), HOLD_SK));
    item.put("reason", s(h.reason()));
    item.put("setBy", s(h.setBy()));
    item.put("setAt", s(h.setAt().toString()));
    item.put("until", s(h.until().toString()));
    item.put(Table.TTL, n(keepRecordUntil.getEpochSecond()));
    Dependency.call(TABLE, () -> dynamo.putItem(b -> b.tableName(table).item(item)));
  }

  @Override
  public void defer(String subject, LocalDate day, Instant keepUntil) {
    Map<String, AttributeValue> profile = get(Table.subject(subject), Table.PROFILE_SK);
    if (profile != null && !profile.isEmpty()) {
      // Never before the person's own deadline: a hold cannot bring the 24-month rule forward; a
      // hold shortened or ended early lists the person again on that day, not the old end's.
      LocalDate deadline = LocalDate.parse(string(profile, "deadline"));
      String listOn = (deadline.isAfter(day) ? deadline : day).toString();
      try {
        Dependency.call(TABLE, () -> dynamo.updateItem(b -> b.tableName(table)
            .key(key(Table.subject(subject), Table.PROFILE_SK))
            .updateExpression("SET #day = :day").conditionExpression("attribute_exists(pk) AND deadline = :deadline")
            .expressionAttributeNames(Map.of("#day", Table.DUE_DAY))
            .expressionAttributeValues(Map.of(":day", s(listOn), ":deadline", s(deadline.toString())))));
      } catch (ConditionalCheckFailedException e) {
        // Erased, or new activity moved the deadline (and listed the person on it) meanwhile.
      }
    }
    subjects.keepUntil(subject, keepUntil);
  }

  @Override
  public InvoiceOutcome expireInvoice(String pk, String sk, LocalDate today) {
    Map<String, AttributeValue> invoice = get(pk, sk);
    if (invoice == null || invoice.isEmpty()) {
      return InvoiceOutcome.NOTHING;
    }
    String from = string(invoice, SubjectTableEraser.DELETABLE_FROM);
    if (from == null || LocalDate.parse(from).isAfter(today)) {
      return InvoiceOutcome.NOTHING;
    }
    Map<String, AttributeValue> profile = get(pk, Table.PROFILE_SK);
    boolean active = profile != null && !profile.isEmpty() && LocalDate.parse(string(profile, "deadline")).isAfter(today);
    if (active && !invoice.containsKey(SubjectTableEraser.RESTRICTED)) {
      // Still a customer: the invoice is part of the order history the relationship keeps, and goes
      // when the person is erased (past its period, the erasure deletes it whole).
      Dependency.call(TABLE, () -> dynamo.updateItem(b -> b.tableName(table).key(key(pk, sk))
          .updateExpression("REMOVE #day, #key").conditionExpression("attribute_exists(pk)")
          .expressionAttributeNames(Map.of("#day", Table.DUE_DAY, "#key", Table.DUE_KEY))));
      return InvoiceOutcome.KEPT_WITH_CUSTOMER;
    }
    try {
      Dependency.call(TABLE, () -> dynamo.deleteItem(b -> b.tableName(table).key(key(pk, sk))
          .conditionExpression("#from <= :today")
          .expressionAttributeNames(Map.of("#from", SubjectTableEraser.DELETABLE_FROM))
          .expressionAttributeValues(Map.of(":today", s(today.toString())))));
      return InvoiceOutcome.DELETED;
    } catch (ConditionalCheckFailedException e) {
      return InvoiceOutcome.NOTHING;
    }
  }

  @Override
  public int deleteExpired(DueEntry entry, Instant now) {
    Map<String, AttributeValue> item = get(entry.pk(), entry.sk());
    if (item == null || item.isEmpty()) {
      return 0;
    }
    if (entry.kind() == DueEntry.Kind.TOKEN) {
      // A link is over when its validity is; its TTL may be the request's longer keep-period.
      String validUntil = string(item, "validUntil");
      if (validUntil == null || Instant.parse(validUntil).isAfter(now)) {
        return 0;
      }
      Dependency.call(TABLE, () -> dynamo.deleteItem(b -> b.tableName(table).key(key(entry.pk(), entry.sk()))));
      return 1;
    }
    if (!expired(item, now)) {
      return 0;
    }
    if (entry.kind() != DueEntry.Kind.REQUEST) {
      return deleteIfExpired(entry.pk(), entry.sk(), now) ? 1 : 0;
    }
    Map<String, AttributeValue> request = get(entry.pk(), Table.REQUEST_SK);
    if (request != null && !request.isEmpty() && RequestStatus.valueOf(string(request, "status")).open()) {
      return 0;
    }
    // The request's record with its audit events, plan, tasks and follow-ups; the marker last, so
    // that a run cut off here finds the rest on its next pass.
    List<Map<String, AttributeValue>> keys = Dependency.call(TABLE, () -> dynamo.queryPaginator(b -> b.tableName(table)
        .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(entry.pk())))
        .projectionExpression("pk, sk")).items().stream().toList());
    int deleted = 0;
    for (Map<String, AttributeValue> k : keys) {
      if (!string(k, Table.SK).equals(REQUEST_MARKER_SK)) {
        Dependency.call(TABLE, () -> dynamo.deleteItem(b -> b.tableName(table).key(k)));
        deleted++;
      }
    }
    return deleted + (deleteIfExpired(entry.pk(), entry.sk(), now) ? 1 : 0);
  }

  private static boolean expired(Map<String, AttributeValue> item, Instant now) {
    AttributeValue ttl = item.get(Table.TTL);
    return ttl != null && ttl.n() != null && Long.parseLong(ttl.n()) <= now.getEpochSecond();
  }

  private boolean deleteIfExpired(String pk, String sk, Instant now) {
    try {
      Dependency.call(TABLE, () -> dynamo.deleteItem(b -> b.tableName(table).key(key(pk, sk))
          .conditionExpression("#ttl <= :now").expressionAttributeNames(Map.of("#ttl", Table.TTL))
          .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void note(LocalDate runDay, Instant at, String what, Map<String, String> details) {
    Map<String, AttributeValue> item = new HashMap<>(key("RETENTION#" + runDay, "EVENT#" + at + "#" + UUID.randomUUID()));
    item.put("at", s(at.toString()));
    item.put("what", s(what));
    Map<String, AttributeValue> m = new HashMap<>();
    details.forEach((k, v) -> m.put(k, s(v)));
    item.put("details", AttributeValue.fromM(m));
    item.put(Table.TTL, n(at.atZone(zone).plus(keepNotes).toEpochSecond()));
    Dependency.call(TABLE, () -> dynamo.putItem(b -> b.tableName(table).item(item)));
  }

  private Map<String, AttributeValue> get(String pk, String sk) {
    return Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(true)))
        .item();
  }

}
