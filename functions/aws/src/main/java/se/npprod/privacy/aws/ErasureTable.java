package se.npprod.privacy.aws;

import static se.npprod.privacy.aws.Items.key;
import static se.npprod.privacy.aws.Items.n;
import static se.npprod.privacy.aws.Items.s;
import static se.npprod.privacy.aws.Items.string;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.npprod.privacy.core.erasure.ErasurePlans;
import se.npprod.privacy.core.erasure.Identifiers;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestStore.FollowUp;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.subject.EmailAddress;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * An erasure's plan in the request's partition: {@code PLAN} (the identifiers, the systems, the
 * count of tasks done) and {@code TASK#<system>} (its state). Every move of a task is conditional on
 * its state, and a task's DONE and the plan's count move in one transaction, so the count can be
 * trusted to say when the last task is done. A processor asked by mail gets its link's token
 * ({@code PTOKEN#<hash>}) and its follow-ups ({@code FOLLOWUP#processor-…#<system>}, listed by the
 * "due" index as the request's own are) in the same write that makes its task WAITING. The
 * tombstone ({@code T#<subject>}) holds the subject key, the date, the systems and the request id:
 * proof of erasure without personal data. A rectification's corrected fields are
 * {@code CORRECTION} in the same partition, kept as long as the request; a lifted restriction is
 * noted on each task told ({@code liftedAt}).
 */
public final class ErasureTable implements ErasurePlans {
  private static final String TABLE = "table";
  private static final String PLAN_SK = "PLAN";
  private static final String TASK_PREFIX = "TASK#";
  /** An erasure under way, in the tombstone's partition until the tombstone is written. */
  private static final String ERASING_PREFIX = "ERASING#";
  private static final String CORRECTION_SK = "CORRECTION";

  private final DynamoDbClient dynamo;
  private final String table;
  /** The policy's zone: a follow-up is listed under its day there. */
  private final ZoneId zone;

  public ErasureTable(DynamoDbClient dynamo, String table, ZoneId zone) {
    this.dynamo = dynamo;
    this.table = table;
    this.zone = zone;
  }

  @Override
  public boolean create(String requestId, Identifiers ids, List<String> systems, AuditEvent event) {
    String pk = Table.request(requestId);
    // The identifiers are personal data: they go when the request goes, as its audit events do.
    Instant keep = keep(requestId);
    List<TransactWriteItem> writes = new ArrayList<>();
    Map<String, AttributeValue> plan = new HashMap<>(key(pk, PLAN_SK));
    plan.put("subject", s(ids.subject()));
    plan.put("email", s(ids.email().value()));
    plan.put("customerNumbers", AttributeValue.fromL(ids.customerNumbers().stream().map(Items::s).toList()));
    plan.put("phones", AttributeValue.fromL(ids.phones().stream().map(Items::s).toList()));
    plan.put("systems", AttributeValue.fromL(systems.stream().map(Items::s).toList()));
    plan.put("done", n(0));
    expiring(plan, keep);
    writes.add(put(plan, "attribute_not_exists(pk)"));
    for (String system : systems) {
      Map<String, AttributeValue> task = new HashMap<>(key(pk, TASK_PREFIX + system));
      task.put("state", s(TaskState.PENDING.name()));
      task.put("attempts", n(0));
      expiring(task, keep);
      writes.add(put(task, "attribute_not_exists(pk)"));
    }
    writes.add(put(RequestTable.eventItem(event, keep), null));
    return Items.transactIfFirstHolds(dynamo, writes);
  }

  @Override
  public Optional<Plan> plan(String requestId) {
    String pk = Table.request(requestId);
    Map<String, AttributeValue> plan = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .key(key(pk, PLAN_SK)).consistentRead(true))).item();
    if (plan == null || plan.isEmpty()) {
      return Optional.empty();
    }
    List<Task> tasks = new ArrayList<>();
    Dependency.call(TABLE, () -> dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :task)")
        .expressionAttributeValues(Map.of(":pk", s(pk), ":task", s(TASK_PREFIX)))).items().stream().toList())
        .forEach(item -> tasks.add(new Task(requestId, string(item, Table.SK).substring(TASK_PREFIX.length()),
            TaskState.valueOf(string(item, "state")), (int) Items.number(item, "attempts"),
            Items.optional(item, "reason").orElse(""), string(item, "acknowledgedBy"))));
    Identifiers ids = new Identifiers(string(plan, "subject"), new EmailAddress(string(plan, "email")),
        Items.stringList(plan, "customerNumbers"), Items.stringList(plan, "phones"));
    return Optional.of(new Plan(ids, tasks, (int) Items.number(plan, "done")));
  }

  @Override
  public boolean done(String requestId, String system, Map<String, Long> counts, AuditEvent event) {
    String pk = Table.request(requestId);
    Map<String, AttributeValue> countValues = new HashMap<>();
    counts.forEach((k, v) -> countValues.put(k, n(v)));
    Update task = Update.builder().tableName(table).key(key(pk, TASK_PREFIX + system))
        .updateExpression("SET #state = :done, counts = :counts, doneAt = :at")
        .conditionExpression("#state = :pending OR (#state = :waiting AND attribute_exists(acknowledgedAt))")
        .expressionAttributeNames(Map.of("#state", "state"))
        .expressionAttributeValues(Map.of(":done", s(TaskState.DONE.name()), ":pending", s(TaskState.PENDING.name()),
            ":waiting", s(TaskState.WAITING.name()), ":counts", AttributeValue.fromM(countValues),
            ":at", s(event.at().toString())))
        .build();
    Update plan = Update.builder().tableName(table).key(key(pk, PLAN_SK))
        .updateExpression("ADD done :one").expressionAttributeValues(Map.of(":one", n(1))).build();
    return transact(List.of(TransactWriteItem.builder().update(task).build(),
        TransactWriteItem.builder().update(plan).build(), put(RequestTable.eventItem(event, keep(event.requestId())), null)));
  }

  @Override
  public boolean waiting(String requestId, String system, String tokenHash, Instant validUntil,
      List<FollowUp> followUps, AuditEvent event) {
    Update task = Update.builder().tableName(table).key(key(Table.request(requestId), TASK_PREFIX + system))
        .updateExpression("SET #state = :waiting, askedAt = :at")
        .conditionExpression("#state = :pending")
        .expressionAttributeNames(Map.of("#state", "state"))
        .expressionAttributeValues(Map.of(":waiting", s(TaskState.WAITING.name()), ":pending", s(TaskState.PENDING.name()),
            ":at", s(event.at().toString())))
        .build();
    Instant keep = keep(requestId);
    List<TransactWriteItem> writes = new ArrayList<>(List.of(TransactWriteItem.builder().update(task).build(),
        put(processorTokenItem(requestId, system, tokenHash, validUntil), "attribute_not_exists(pk)"),
        put(RequestTable.eventItem(event, keep), null)));
    followUps.forEach(f -> writes.add(put(RequestTable.followUpItem(f, zone, keep), null)));
    return transact(writes);
  }

  @Override
  public boolean addProcessorToken(String requestId, String system, String tokenHash, Instant validUntil,
      AuditEvent event) {
    Update task = Update.builder().tableName(table).key(key(Table.request(requestId), TASK_PREFIX + system))
        .updateExpression("SET remindedAt = :at")
        .conditionExpression("#state = :waiting AND attribute_not_exists(acknowledgedAt)")
        .expressionAttributeNames(Map.of("#state", "state"))
        .expressionAttributeValues(Map.of(":waiting", s(TaskState.WAITING.name()), ":at", s(event.at().toString())))
        .build();
    return transact(List.of(TransactWriteItem.builder().update(task).build(),
        put(processorTokenItem(requestId, system, tokenHash, validUntil), "attribute_not_exists(pk)"),
        put(RequestTable.eventItem(event, keep(requestId)), null)));
  }

  /** A processor's link's stored half: which task it confirms, until when; the table's TTL then takes it. */
  private static Map<String, AttributeValue> processorTokenItem(String requestId, String system, String tokenHash,
      Instant validUntil) {
    Map<String, AttributeValue> token = new HashMap<>(key(Table.processorToken(tokenHash), Table.TOKEN_SK));
    token.put("requestId", s(requestId));
    token.put("system", s(system));
    token.put("validUntil", s(validUntil.toString()));
    token.put(Table.TTL, n(validUntil.getEpochSecond()));
    Table.listForRetention(token, validUntil);
    return token;
  }

  @Override
  public Optional<ProcessorToken> processorToken(String tokenHash) {
    Map<String, AttributeValue> item = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .key(key(Table.processorToken(tokenHash), Table.TOKEN_SK)).consistentRead(true))).item();
    if (item == null || item.isEmpty() || !Instant.now().isBefore(Instant.parse(string(item, "validUntil")))) {
      return Optional.empty();
    }
    return Optional.of(new ProcessorToken(string(item, "requestId"), string(item, "system")));
  }

  @Override
  public boolean acknowledge(String requestId, String system, String by, Instant at) {
    try {
      Dependency.call(TABLE, () -> dynamo.updateItem(b -> b.tableName(table)
          .key(key(Table.request(requestId), TASK_PREFIX + system))
          .updateExpression("SET acknowledgedBy = :by, acknowledgedAt = :at")
          .conditionExpression("#state = :waiting AND attribute_not_exists(acknowledgedAt)")
          .expressionAttributeNames(Map.of("#state", "state"))
          .expressionAttributeValues(Map.of(":by", s(by), ":at", s(at.toString()),
              ":waiting", s(TaskState.WAITING.name())))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public boolean failed(String requestId, String system, String reason, AuditEvent event) {
    Update task = Update.builder().tableName(table).key(key(Table.request(requestId), TASK_PREFIX + system))
        .updateExpression("SET #state = :failed, reason = :reason, failedAt = :at")
        .conditionExpression("#state = :pending")
        .expressionAttributeNames(Map.of("#state", "state"))
        .expressionAttributeValues(Map.of(":failed", s(TaskState.FAILED.name()), ":pending", s(TaskState.PENDING.name()),
            ":reason", s(reason), ":at", s(event.at().toString())))
        .build();
    return transact(List.of(TransactWriteItem.builder().update(task).build(), put(RequestTable.eventItem(event, keep(event.requestId())), null)));
  }

  @Override
  public void attempted(String requestId, String system, String reason, Instant at) {
    try {
      Dependency.call(TABLE, () -> dynamo.updateItem(b -> b.tableName(table)
          .key(key(Table.request(requestId), TASK_PREFIX + system))
          .updateExpression("ADD attempts :one SET reason = :reason, lastAttemptAt = :at")
          .conditionExpression("#state = :pending")
          .expressionAttributeNames(Map.of("#state", "state"))
          .expressionAttributeValues(Map.of(":one", n(1), ":reason", s(reason), ":at", s(at.toString()),
              ":pending", s(TaskState.PENDING.name())))));
    } catch (ConditionalCheckFailedException e) {
      // Done or failed meanwhile: nothing to note.
    }
  }

  @Override
  public boolean confirmationMailed(String requestId) {
    Map<String, AttributeValue> plan = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .key(key(Table.request(requestId), PLAN_SK)).consistentRead(true))).item();
    return plan != null && plan.containsKey("confirmationMailedAt");
  }

  @Override
  public void markConfirmationMailed(String requestId, Instant at) {
    Dependency.call(TABLE, () -> dynamo.updateItem(b -> b.tableName(table).key(key(Table.request(requestId), PLAN_SK))
        .updateExpression("SET confirmationMailedAt = if_not_exists(confirmationMailedAt, :at)")
        .expressionAttributeValues(Map.of(":at", s(at.toString())))));
  }

  @Override
  public void markErasing(String subject, String requestId, Instant at) {
    Map<String, AttributeValue> item = new HashMap<>(key(Table.tombstone(subject), ERASING_PREFIX + requestId));
    item.put("since", s(at.toString()));
    item.put("requestId", s(requestId));
    Dependency.call(TABLE, () -> dynamo.putItem(b -> b.tableName(table).item(item)));
  }

  @Override
  public void tombstone(String subject, String requestId, List<String> systems, Instant at) {
    Map<String, AttributeValue> item = new HashMap<>(key(Table.tombstone(subject), "ERASED#" + requestId));
    item.put("erasedAt", s(at.toString()));
    item.put("requestId", s(requestId));
    item.put("systems", AttributeValue.fromL(systems.stream().map(Items::s).toList()));
    Dependency.call(TABLE, () -> dynamo.putItem(b -> b.tableName(table).item(item)));
    // The marker of the erasure under way has done its part: the tombstone suppresses from now on.
    Dependency.call(TABLE, () -> dynamo.deleteItem(b -> b.tableName(table)
        .key(key(Table.tombstone(subject), ERASING_PREFIX + requestId))));
  }

  /**
   * The fields and the request's mark ({@code correctedAt}) in one transaction, conditional on the
   * request being a VERIFIED rectification; a second confirmation before planning replaces the
   * first. The fields expire with the request.
   */
  @Override
  public boolean correct(String requestId, Map<String, String> fields, AuditEvent event) {
    String pk = Table.request(requestId);
    Update request = Update.builder().tableName(table).key(key(pk, Table.REQUEST_SK))
        .updateExpression("SET correctedAt = :at")
        .conditionExpression("#status = :verified AND #type = :rectification")
        .expressionAttributeNames(Map.of("#status", "status", "#type", "type"))
        .expressionAttributeValues(Map.of(":at", s(event.at().toString()), ":verified", s(RequestStatus.VERIFIED.name()),
            ":rectification", s(RequestType.RECTIFICATION.wireName())))
        .build();
    Instant keep = keep(requestId);
    Map<String, AttributeValue> item = new HashMap<>(key(pk, CORRECTION_SK));
    Map<String, AttributeValue> values = new HashMap<>();
    fields.forEach((name, value) -> values.put(name, s(value)));
    item.put("fields", AttributeValue.fromM(values));
    item.put("correctedAt", s(event.at().toString()));
    expiring(item, keep);
    return transact(List.of(TransactWriteItem.builder().update(request).build(), put(item, null),
        put(RequestTable.eventItem(event, keep), null)));
  }

  @Override
  public Optional<Map<String, String>> corrections(String requestId) {
    Map<String, AttributeValue> item = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .key(key(Table.request(requestId), CORRECTION_SK)).consistentRead(true))).item();
    if (item == null || item.isEmpty() || item.get("fields") == null
        || Items.number(item, Table.TTL) != 0 && Items.number(item, Table.TTL) <= Instant.now().getEpochSecond()) {
      return Optional.empty();
    }
    Map<String, String> fields = new HashMap<>();
    item.get("fields").m().forEach((name, value) -> fields.put(name, value.s()));
    return Optional.of(fields);
  }

  @Override
  public boolean markLifted(String requestId, String system, Instant at) {
    try {
      Dependency.call(TABLE, () -> dynamo.updateItem(b -> b.tableName(table)
          .key(key(Table.request(requestId), TASK_PREFIX + system))
          .updateExpression("SET liftedAt = :at")
          .conditionExpression("attribute_exists(pk) AND attribute_not_exists(liftedAt)")
          .expressionAttributeValues(Map.of(":at", s(at.toString())))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public Set<String> lifted(String requestId) {
    Set<String> told = new LinkedHashSet<>();
    Dependency.call(TABLE, () -> dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :task)")
        .expressionAttributeValues(Map.of(":pk", s(Table.request(requestId)), ":task", s(TASK_PREFIX)))).items().stream()
        .filter(item -> item.containsKey("liftedAt")).toList())
        .forEach(item -> told.add(string(item, Table.SK).substring(TASK_PREFIX.length())));
    return told;
  }

  private static void expiring(Map<String, AttributeValue> item, Instant keep) {
    if (keep != null) {
      item.put(Table.TTL, n(keep.getEpochSecond()));
    }
  }

  /** Audit events go when the request goes (its expiresAt). */
  private Instant keep(String requestId) {
    Map<String, AttributeValue> request = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .key(key(Table.request(requestId), Table.REQUEST_SK)).projectionExpression("#ttl")
        .expressionAttributeNames(Map.of("#ttl", Table.TTL)))).item();
    return request == null || !request.containsKey(Table.TTL) ? null
        : Instant.ofEpochSecond(Items.number(request, Table.TTL));
  }

  private boolean transact(List<TransactWriteItem> writes) {
    return Items.transactIfFirstHolds(dynamo, writes);
  }

  private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
    return Items.put(table, item, condition);
  }

}
