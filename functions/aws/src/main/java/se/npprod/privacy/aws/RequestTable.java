package se.npprod.privacy.aws;

import static se.npprod.privacy.aws.Items.bool;
import static se.npprod.privacy.aws.Items.key;
import static se.npprod.privacy.aws.Items.n;
import static se.npprod.privacy.aws.Items.putIf;
import static se.npprod.privacy.aws.Items.s;
import static se.npprod.privacy.aws.Items.string;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.FollowUpRequests;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.request.TakeInMail;
import se.npprod.privacy.core.subject.EmailAddress;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Rights requests in the table: {@code R#<id>} holds the request and its audit events; a token is
 * found by its hash ({@code TOKEN#<sha256>}), a mail by its Message-ID's hash ({@code MSG#…}), and
 * the person's open request of a type by {@code S#<subject>} / {@code OPEN#<type>}. The request
 * carries {@code dueDay} so that the "due" index lists what is due on a day.
 */
public final class RequestTable implements RequestStore, TakeInMail.MailLog {
  private static final String TABLE = "table";
  private static final String NEW = "attribute_not_exists(pk)";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DynamoDbClient dynamo;
  private final String table;
  /** The policy's zone: a follow-up is listed under its day there. */
  private final ZoneId zone;

  public RequestTable(DynamoDbClient dynamo, String table, ZoneId zone) {
    this.dynamo = dynamo;
    this.table = table;
    this.zone = zone;
  }

  @Override
  public Creation create(PrivacyRequest request, Optional<TokenRecord> token, Optional<String> messageKey,
      Optional<String> openSlotOf, List<FollowUp> followUps, AuditEvent event) {
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(put(requestItem(request), NEW));
    int messageAt = -1;
    int slotAt = -1;
    if (messageKey.isPresent()) {
      messageAt = writes.size();
      writes.add(put(pointer(Table.message(messageKey.get()), Table.MESSAGE_SK, request.id(), request.expiresAt()), NEW));
    }
    if (openSlotOf.isPresent()) {
      slotAt = writes.size();
      writes.add(put(pointer(Table.subject(openSlotOf.get()), Table.openRequest(request.type().wireName()), request.id(),
          request.expiresAt()), NEW));
    }
    token.ifPresent(t -> writes.add(put(tokenItem(t, request.expiresAt()), NEW)));
    followUps.forEach(f -> writes.add(put(followUpItem(f, zone, request.expiresAt()), null)));
    writes.add(put(eventItem(event, request.expiresAt()), null));
    writes.add(put(retentionMarker(request.id(), request.expiresAt()), null));
    try {
      Dependency.call(TABLE, () -> dynamo.transactWriteItems(b -> b.transactItems(writes)));
      return new Creation.Created();
    } catch (TransactionCanceledException e) {
      if (messageAt >= 0 && Items.conditionFailed(e.cancellationReasons(), messageAt)) {
        return new Creation.DuplicateMessage(pointerTarget(Table.message(messageKey.get()), Table.MESSAGE_SK));
      }
      if (slotAt >= 0 && Items.conditionFailed(e.cancellationReasons(), slotAt)) {
        return new Creation.OpenRequestExists(pointerTarget(Table.subject(openSlotOf.get()),
            Table.openRequest(request.type().wireName())));
      }
      throw e;
    }
  }

  @Override
  public void releaseOpenSlot(String subject, RequestType type, String requestId) {
    try {
      Dependency.call(TABLE, () -> dynamo.deleteItem(b -> b.tableName(table)
          .key(key(Table.subject(subject), Table.openRequest(type.wireName())))
          .conditionExpression("requestId = :id").expressionAttributeValues(Map.of(":id", s(requestId)))));
    } catch (ConditionalCheckFailedException e) {
      // Taken by another request meanwhile: not ours to free.
    }
  }

  @Override
  public boolean markJoined(String messageKey, String requestId, AuditEvent event) {
    Instant keep = Instant.ofEpochSecond(Items.number(requestItem(requestId).orElse(Map.of()), Table.TTL));
    return Items.transactIfFirstHolds(dynamo, List.of(
        put(pointer(Table.message(messageKey), Table.MESSAGE_SK, requestId, keep), NEW), put(eventItem(event, keep), null)));
  }

  @Override
  public Optional<PrivacyRequest> request(String id) {
    return requestItem(id).map(RequestTable::toRequest);
  }

  @Override
  public Optional<String> requestByMessage(String messageKey) {
    Map<String, AttributeValue> item = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .key(key(Table.message(messageKey), Table.MESSAGE_SK)).consistentRead(true))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(string(item, "requestId"));
  }

  private Optional<Map<String, AttributeValue>> requestItem(String id) {
    Map<String, AttributeValue> item = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .key(key(Table.request(id), Table.REQUEST_SK)).consistentRead(true))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  @Override
  public void addToken(TokenRecord token, AuditEvent event) {
    Instant keep = Instant.ofEpochSecond(Items.number(requestItem(token.requestId()).orElse(Map.of()), Table.TTL));
    Dependency.call(TABLE, () -> dynamo.transactWriteItems(b -> b.transactItems(
        put(tokenItem(token, keep), NEW), put(eventItem(event, keep), null))));
  }

  @Override
  public Optional<TokenRecord> token(String hash) {
    Map<String, AttributeValue> item = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .key(key(Table.token(hash), Table.TOKEN_SK)).consistentRead(true))).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TokenRecord(hash, string(item, "requestId"), Instant.parse(string(item, "validUntil")),
        item.get("used") != null && Boolean.TRUE.equals(item.get("used").bool())));
  }

  @Override
  public boolean verify(TokenRecord token, Instant now, Instant keepUntil, Optional<Instant> policyTarget,
      AuditEvent event) {
    Update useToken = Update.builder().tableName(table).key(key(Table.token(token.hash()), Table.TOKEN_SK))
        .updateExpression("SET used = :yes, usedAt = :now")
        .conditionExpression("used = :no AND validUntil > :now")
        .expressionAttributeValues(Map.of(":yes", bool(true), ":no", bool(false), ":now", s(now.toString())))
        .build();
    Update verifyRequest = Update.builder().tableName(table).key(key(Table.request(token.requestId()), Table.REQUEST_SK))
        .updateExpression("SET #status = :verified, verifiedAt = :now, #ttl = :keep"
            + (policyTarget.isPresent() ? ", policyTargetAt = :target" : ""))
        .conditionExpression("#status = :awaiting")
        .expressionAttributeNames(Map.of("#status", "status", "#ttl", Table.TTL))
        .expressionAttributeValues(verifyValues(now, keepUntil, policyTarget))
        .build();
    try {
      List<TransactWriteItem> writes = new ArrayList<>(List.of(TransactWriteItem.builder().update(useToken).build(),
          TransactWriteItem.builder().update(verifyRequest).build(), put(eventItem(event, keepUntil), null),
          put(retentionMarker(token.requestId(), keepUntil), null)));
      policyTarget.ifPresent(t -> writes.add(put(followUpItem(new FollowUp(token.requestId(),
          FollowUpRequests.OVERDUE, t), zone, keepUntil), null)));
      Dependency.call(TABLE, () -> dynamo.transactWriteItems(b -> b.transactItems(writes)));
      return true;
    } catch (TransactionCanceledException e) {
      if (Items.conditionFailed(e.cancellationReasons(), 0) || Items.conditionFailed(e.cancellationReasons(), 1)) {
        return false;
      }
      throw e;
    }
  }

  private static Map<String, AttributeValue> verifyValues(Instant now, Instant keepUntil, Optional<Instant> target) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":verified", s(RequestStatus.VERIFIED.name()),
        ":awaiting", s(RequestStatus.AWAITING_VERIFICATION.name()), ":now", s(now.toString()),
        ":keep", n(keepUntil.getEpochSecond())));
    target.ifPresent(t -> values.put(":target", s(t.toString())));
    return values;
  }

  @Override
  public boolean transition(String requestId, RequestStatus from, RequestStatus to, Optional<String> reason,
      AuditEvent event) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":from", s(from.name()), ":to", s(to.name()),
        ":at", s(event.at().toString())));
    String set = "SET #status = :to, updatedAt = :at";
    if (reason.isPresent()) {
      set += ", reviewReason = :reason";
      values.put(":reason", s(reason.get()));
    }
    Update update = Update.builder().tableName(table).key(key(Table.request(requestId), Table.REQUEST_SK))
        .updateExpression(set).conditionExpression("#status = :from")
        .expressionAttributeNames(Map.of("#status", "status")).expressionAttributeValues(values).build();
    Optional<Map<String, AttributeValue>> item = requestItem(requestId);
    if (item.isEmpty()) {
      return false;
    }
    Instant keep = Instant.ofEpochSecond(Items.number(item.get(), Table.TTL));
    if (!Items.transactIfFirstHolds(dynamo, List.of(TransactWriteItem.builder().update(update).build(),
        put(eventItem(event, keep), null)))) {
      return false;
    }
    if (!to.open()) {
      // After the move, not in it: the slot may already belong to a newer request (then it stays).
      releaseOpenSlot(string(item.get(), "subject"), RequestType.fromWire(string(item.get(), "type")).orElseThrow(),
          requestId);
    }
    return true;
  }

  /**
   * A follow-up is an item of the request ({@code FOLLOWUP#<what>}) that the "due" index lists by
   * the day it falls on in {@code zone} (sort key {@code FOLLOWUP#<what>#R#<id>}); doing it deletes
   * the item, so the index only ever holds what is still to do. It goes when the request goes
   * ({@code keep}, if the request has a TTL). The erasure table writes a processor's follow-ups too.
   */
  static Map<String, AttributeValue> followUpItem(FollowUp f, ZoneId zone, Instant keep) {
    Map<String, AttributeValue> item = new HashMap<>(key(Table.request(f.requestId()), Table.FOLLOW_UP_PREFIX + f.what()));
    item.put("at", s(f.at().toString()));
    item.put(Table.DUE_DAY, s(f.at().atZone(zone).toLocalDate().toString()));
    item.put(Table.DUE_KEY, s(Table.FOLLOW_UP_PREFIX + f.what() + "#" + Table.request(f.requestId())));
    if (keep != null) {
      item.put(Table.TTL, n(keep.getEpochSecond()));
    }
    return item;
  }

  @Override
  public List<FollowUp> followUpsDue(LocalDate from, LocalDate through) {
    List<FollowUp> due = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(through); day = day.plusDays(1)) {
      String d = day.toString();
      Map<String, AttributeValue> start = null;
      do {
        Map<String, AttributeValue> after = start;
        var page = Dependency.call(TABLE, () -> dynamo.query(b -> {
          b.tableName(table).indexName(Table.DUE_INDEX)
              .keyConditionExpression("#day = :day AND begins_with(#key, :prefix)")
              .expressionAttributeNames(Map.of("#day", Table.DUE_DAY, "#key", Table.DUE_KEY))
              .expressionAttributeValues(Map.of(":day", s(d), ":prefix", s(Table.FOLLOW_UP_PREFIX)));
          if (after != null) {
            b.exclusiveStartKey(after);
          }
        }));
        for (Map<String, AttributeValue> key : page.items()) {
          // The index holds keys only: the follow-up's time is on the item itself.
          Map<String, AttributeValue> item = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
              .key(key(string(key, Table.PK), string(key, Table.SK))))).item();
          if (item != null && !item.isEmpty()) {
            due.add(new FollowUp(string(item, Table.PK).substring(2),
                string(item, Table.SK).substring(Table.FOLLOW_UP_PREFIX.length()), Instant.parse(string(item, "at"))));
          }
        }
        start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
      } while (start != null);
    }
    return due;
  }

  @Override
  public boolean followUpReported(FollowUp f, Instant at) {
    try {
      Dependency.call(TABLE, () -> dynamo.updateItem(b -> b.tableName(table)
          .key(key(Table.request(f.requestId()), Table.FOLLOW_UP_PREFIX + f.what()))
          .updateExpression("SET reportedAt = :at")
          .conditionExpression("attribute_exists(pk) AND attribute_not_exists(reportedAt)")
          .expressionAttributeValues(Map.of(":at", s(at.toString())))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void followUpDone(FollowUp f) {
    Dependency.call(TABLE, () -> dynamo.deleteItem(b -> b.tableName(table)
        .key(key(Table.request(f.requestId()), Table.FOLLOW_UP_PREFIX + f.what()))));
  }

  /** One received mail: {@code MAIL#<SES message id>}, what became of it, in codes. */
  @Override
  public void record(String sesMessageId, Instant at, TakeInMail.Outcome outcome, Map<String, String> details,
      Instant keepUntil) {
    Map<String, AttributeValue> item = new HashMap<>(key(Table.inboundMail(sesMessageId), Table.MAIL_SK));
    item.put("at", s(at.toString()));
    item.put("outcome", s(outcome.name()));
    Map<String, AttributeValue> m = new HashMap<>();
    details.forEach((k, v) -> m.put(k, s(v)));
    item.put("details", AttributeValue.fromM(m));
    item.put(Table.TTL, n(keepUntil.getEpochSecond()));
    Dependency.call(TABLE, () -> dynamo.putItem(b -> b.tableName(table).item(item)));
  }

  @Override
  public boolean extendDueDate(String requestId, LocalDate extended, AuditEvent event) {
    Optional<Map<String, AttributeValue>> item = requestItem(requestId);
    if (item.isEmpty()) {
      return false;
    }
    Instant keep = Instant.ofEpochSecond(Items.number(item.get(), Table.TTL));
    Update update = Update.builder().tableName(table).key(key(Table.request(requestId), Table.REQUEST_SK))
        .updateExpression("SET dueDate = :due, #day = :due, extendedAt = :at")
        .conditionExpression("attribute_exists(pk) AND attribute_not_exists(extendedAt)")
        .expressionAttributeNames(Map.of("#day", Table.DUE_DAY))
        .expressionAttributeValues(Map.of(":due", s(extended.toString()), ":at", s(event.at().toString())))
        .build();
    return Items.transactIfFirstHolds(dynamo, List.of(TransactWriteItem.builder().update(update).build(),
        put(eventItem(event, keep), null)));
  }

  /**
   * The notice's time and the lift's on the request, the lift as a follow-up the "due" index lists
   * on its day, and the audit event, in one transaction conditional on a completed restriction
   * with no lift scheduled yet.
   */
  @Override
  public boolean scheduleRestrictionLift(String requestId, FollowUp lift, AuditEvent event) {
    Optional<Map<String, AttributeValue>> item = requestItem(requestId);
    if (item.isEmpty()) {
      return false;
    }
    Instant keep = Instant.ofEpochSecond(Items.number(item.get(), Table.TTL));
    Update update = Update.builder().tableName(table).key(key(Table.request(requestId), Table.REQUEST_SK))
        .updateExpression("SET liftNotifiedAt = :at, restrictionLiftAt = :lift")
        .conditionExpression("#status = :completed AND #type = :restriction AND attribute_not_exists(restrictionLiftAt)")
        .expressionAttributeNames(Map.of("#status", "status", "#type", "type"))
        .expressionAttributeValues(Map.of(":at", s(event.at().toString()), ":lift", s(lift.at().toString()),
            ":completed", s(RequestStatus.COMPLETED.name()), ":restriction", s(RequestType.RESTRICTION.wireName())))
        .build();
    return Items.transactIfFirstHolds(dynamo, List.of(TransactWriteItem.builder().update(update).build(),
        put(followUpItem(lift, zone, keep), null), put(eventItem(event, keep), null)));
  }

  @Override
  public Optional<Instant> restrictionLift(String requestId) {
    return requestItem(requestId).flatMap(i -> Items.optional(i, "restrictionLiftAt")).map(Instant::parse);
  }

  @Override
  public void markMailed(String requestId, Instant at) {
    Dependency.call(TABLE, () -> dynamo.updateItem(b -> b.tableName(table)
        .key(key(Table.request(requestId), Table.REQUEST_SK))
        .updateExpression("SET mailedAt = if_not_exists(mailedAt, :at)")
        .conditionExpression("attribute_exists(pk)")
        .expressionAttributeValues(Map.of(":at", s(at.toString())))));
  }

  @Override
  public boolean mailed(String requestId) {
    return requestItem(requestId).map(i -> i.containsKey("mailedAt")).orElse(false);
  }

  @Override
  public boolean takeMailAllowance(String subject, String day, int limit, Instant expiresAt) {
    return take(Table.mailAllowance(subject), "DAY#" + day, limit, expiresAt);
  }

  @Override
  public boolean takeFormAllowance(String network, String hour, int limit, Instant expiresAt) {
    return take(Table.networkAllowance(network), "HOUR#" + hour, limit, expiresAt);
  }

  /** One conditional increment: refused, and nothing written, once the count has reached the limit. */
  private boolean take(String pk, String sk, int limit, Instant expiresAt) {
    try {
      Dependency.call(TABLE, () -> dynamo.updateItem(b -> b.tableName(table).key(key(pk, sk))
          .updateExpression("ADD #count :one SET #ttl = if_not_exists(#ttl, :ttl)")
          .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
          .expressionAttributeNames(Map.of("#count", "count", "#ttl", Table.TTL))
          .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(limit), ":ttl", n(expiresAt.getEpochSecond())))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void audit(AuditEvent event) {
    Instant keep = Instant.ofEpochSecond(Items.number(requestItem(event.requestId()).orElse(Map.of()), Table.TTL));
    Dependency.call(TABLE, () -> dynamo.putItem(b -> b.tableName(table).item(eventItem(event, keep))));
  }

  /** The request's audit trail, oldest first (for the privacy team and tests). */
  public List<AuditEvent> events(String requestId) {
    List<AuditEvent> events = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = Dependency.call(TABLE, () -> dynamo.query(b -> {
        b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :events)")
            .expressionAttributeValues(Map.of(":pk", s(Table.request(requestId)), ":events", s(Table.EVENT_PREFIX)));
        if (from != null) {
          b.exclusiveStartKey(from);
        }
      }));
      for (Map<String, AttributeValue> item : page.items()) {
        Map<String, String> details = new HashMap<>();
        if (item.get("details") != null && item.get("details").hasM()) {
          item.get("details").m().forEach((k, v) -> details.put(k, v.s()));
        }
        events.add(new AuditEvent(requestId, Instant.parse(string(item, "at")), string(item, "what"), details));
      }
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return events;
  }

  private String pointerTarget(String pk, String sk) {
    Map<String, AttributeValue> item = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .key(key(pk, sk)).consistentRead(true))).item();
    return string(item, "requestId");
  }

  private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
    return Items.put(table, item, condition);
  }

  private static Map<String, AttributeValue> pointer(String pk, String sk, String requestId, Instant keep) {
    Map<String, AttributeValue> item = new HashMap<>(key(pk, sk));
    item.put("requestId", s(requestId));
    item.put(Table.TTL, n(keep.getEpochSecond()));
    return item;
  }

  private static Map<String, AttributeValue> tokenItem(TokenRecord t, Instant keep) {
    Map<String, AttributeValue> item = pointer(Table.token(t.hash()), Table.TOKEN_SK, t.requestId(), keep);
    item.put("validUntil", s(t.expiresAt().toString()));
    item.put("used", bool(t.used()));
    // Past its validity a link's stored half proves nothing the audit events do not: it goes.
    return Table.listForRetention(item, t.expiresAt());
  }

  /**
   * The request's entry for the retention scan ({@code RETENTION} in its partition): listed the day
   * after the record's keep-period ends, when the scan deletes the whole partition if the request
   * is closed. The request item itself is on the "due" index by its answer date.
   */
  private static Map<String, AttributeValue> retentionMarker(String requestId, Instant keep) {
    Map<String, AttributeValue> item = new HashMap<>(key(Table.request(requestId), RetentionTable.REQUEST_MARKER_SK));
    item.put(Table.TTL, n(keep.getEpochSecond()));
    return Table.listForRetention(item, keep);
  }

  /** An audit event in the request's partition, kept as long as the request ({@code keep}; null: no expiry). */
  static Map<String, AttributeValue> eventItem(AuditEvent e, Instant keep) {
    byte[] unique = new byte[4];
    RANDOM.nextBytes(unique);
    Map<String, AttributeValue> item = new HashMap<>(key(Table.request(e.requestId()),
        Table.auditEvent(e.at(), HexFormat.of().formatHex(unique))));
    item.put("at", s(e.at().toString()));
    item.put("what", s(e.what()));
    Map<String, AttributeValue> details = new HashMap<>();
    e.details().forEach((k, v) -> details.put(k, s(v)));
    item.put("details", AttributeValue.fromM(details));
    if (keep != null) {
      item.put(Table.TTL, n(keep.getEpochSecond()));
    }
    return item;
  }

  private static Map<String, AttributeValue> requestItem(PrivacyRequest r) {
    Map<String, AttributeValue> item = new HashMap<>(key(Table.request(r.id()), Table.REQUEST_SK));
    item.put("type", s(r.type().wireName()));
    item.put("channel", s(r.channel().name()));
    item.put("status", s(r.status().name()));
    item.put("language", s(r.language()));
    item.put("email", s(r.email().value()));
    item.put("subject", s(r.subject()));
    item.put("receivedAt", s(r.receivedAt().toString()));
    item.put("dueDate", s(r.dueDate().toString()));
    r.verifiedAt().ifPresent(v -> item.put("verifiedAt", s(v.toString())));
    item.put("evidence", AttributeValue.fromL(r.evidence().stream().map(Items::s).toList()));
    r.reviewReason().ifPresent(v -> item.put("reviewReason", s(v)));
    putIf(item, "text", r.text() == null || r.text().isEmpty() ? null : r.text());
    item.put(Table.TTL, n(r.expiresAt().getEpochSecond()));
    // The "due" index: what must be answered on a day, for the privacy team's overdue view.
    item.put(Table.DUE_DAY, s(r.dueDate().toString()));
    item.put(Table.DUE_KEY, s(Table.request(r.id())));
    return item;
  }

  private static PrivacyRequest toRequest(Map<String, AttributeValue> item) {
    String id = string(item, Table.PK).substring(2);
    return new PrivacyRequest(id, RequestType.fromWire(string(item, "type")).orElseThrow(),
        Channel.valueOf(string(item, "channel")), RequestStatus.valueOf(string(item, "status")), string(item, "language"),
        new EmailAddress(string(item, "email")), string(item, "subject"), Instant.parse(string(item, "receivedAt")),
        LocalDate.parse(string(item, "dueDate")), Items.optional(item, "verifiedAt").map(Instant::parse),
        Items.stringList(item, "evidence"), Items.optional(item, "reviewReason"),
        Items.optional(item, "text").orElse(""), Instant.ofEpochSecond(Items.number(item, Table.TTL)));
  }
}
