package se.npprod.privacy.aws;

import static se.npprod.privacy.aws.Items.bool;
import static se.npprod.privacy.aws.Items.key;
import static se.npprod.privacy.aws.Items.n;
import static se.npprod.privacy.aws.Items.putIf;
import static se.npprod.privacy.aws.Items.s;
import static se.npprod.privacy.aws.Items.string;
import static se.npprod.privacy.aws.Items.strings;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import se.npprod.privacy.core.erasure.ConnectorResult;
import se.npprod.privacy.core.erasure.CorrectedFields;
import se.npprod.privacy.core.erasure.SubjectFlags;
import se.npprod.privacy.core.extract.DataItem;
import se.npprod.privacy.core.extract.OwnData;
import se.npprod.privacy.core.subject.Activity;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.Profile;
import se.npprod.privacy.core.subject.RecordActivity;
import se.npprod.privacy.core.subject.SubjectRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The subject registry: one partition per person ({@code S#<HMAC>}) with the profile, one item
 * per activity and one per invoice. An activity and the profile it moves are written together,
 * the activity only if its event id is new and the profile only if nobody moved it meanwhile.
 * Every item carries {@code expiresAt}: the subject's deadline, or for an invoice the end of the
 * bookkeeping period (the retention scan cuts its other fields at the subject's deadline). An
 * erased person's tombstone ({@code T#<subject>}, written by {@link ErasureTable}) is read here too,
 * as the marker that suppresses marketing imports.
 */
public final class SubjectTable implements SubjectRegistry, OwnData, SubjectFlags {
  private static final String TABLE = "table";

  private final DynamoDbClient dynamo;
  private final String table;

  private final Clock clock;
  /** On the profile: how far every item of the person is kept (epoch seconds), see {@link #keepUntil}. */
  static final String KEPT_UNTIL = "keptUntil";

  public SubjectTable(DynamoDbClient dynamo, String table) {
    this(dynamo, table, Clock.systemUTC());
  }

  /** @param clock today, for the day items go on the "due" index (never a day already past) */
  public SubjectTable(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public Optional<Profile> profile(String subject) {
    Map<String, AttributeValue> item = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .key(key(Table.subject(subject), Table.PROFILE_SK)).consistentRead(true))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toProfile(subject, item));
  }

  @Override
  public Outcome record(Activity activity, Profile updated, long expectedVersion, RecordActivity.Deadlines deadlines) {
    String pk = Table.subject(updated.subject());
    Map<String, AttributeValue> carried = expectedVersion == 0 ? Map.of() : carried(updated.subject());
    // Nothing new expires before what the person's older items are kept to (a hold may keep them longer).
    Instant keep = later(deadlines.subjectExpiresAt(), carried.get(KEPT_UNTIL));
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(put(activityItem(pk, activity, keep), "attribute_not_exists(pk)", Map.of()));
    Map<String, AttributeValue> profile = profileItem(updated);
    // The marks of restriction and objection outlive new activity: the person's wish stands.
    profile.putAll(carried);
    profile.put(Table.TTL, n(keep.getEpochSecond()));
    writes.add(expectedVersion == 0
        ? put(profile, "attribute_not_exists(pk)", Map.of())
        : put(profile, "version = :expected", Map.of(":expected", n(expectedVersion))));
    if (activity instanceof Activity.OrderPlaced order && order.invoice().isPresent()) {
      writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
          .item(invoiceItem(pk, order, deadlines)).build()).build());
    }
    try {
      Dependency.call(TABLE, () -> dynamo.transactWriteItems(b -> b.transactItems(writes)));
      return Outcome.WRITTEN;
    } catch (TransactionCanceledException e) {
      if (Items.conditionFailed(e.cancellationReasons(), 0)) {
        return Outcome.DUPLICATE;
      }
      if (Items.conditionFailed(e.cancellationReasons(), 1)) {
        return Outcome.CONFLICT;
      }
      throw e;
    }
  }

  private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
    Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression(condition);
    if (!values.isEmpty()) {
      put.expressionAttributeValues(values);
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }

  private Map<String, AttributeValue> profileItem(Profile p) {
    Map<String, AttributeValue> item = new HashMap<>(key(Table.subject(p.subject()), Table.PROFILE_SK));
    item.put("email", s(p.email().value()));
    putIf(item, "name", p.name());
    putIf(item, "phone", p.phone());
    item.put("customerNumbers", strings(p.customerNumbers()));
    item.put("systems", strings(p.systems()));
    item.put("contactUpdatedAt", s(p.contactUpdatedAt().toString()));
    item.put("lastActivityAt", s(p.lastActivityAt().toString()));
    item.put("deadline", s(p.deadline().toString()));
    item.put(Table.TTL, n(p.expiresAt().getEpochSecond()));
    item.put("version", n(p.version()));
    // The retention scan's entry: the day this person's 24 months run out.
    item.put(Table.DUE_DAY, s(Table.dueDay(p.deadline(), clock)));
    item.put(Table.DUE_KEY, s(Table.retentionKey(Table.subject(p.subject()), Table.PROFILE_SK)));
    return item;
  }

  private static Profile toProfile(String subject, Map<String, AttributeValue> item) {
    return new Profile(subject, new EmailAddress(string(item, "email")), string(item, "name"), string(item, "phone"),
        new LinkedHashSet<>(Items.stringList(item, "customerNumbers")), new LinkedHashSet<>(Items.stringList(item, "systems")),
        Items.instant(item, "contactUpdatedAt"), Items.instant(item, "lastActivityAt"),
        LocalDate.parse(string(item, "deadline")), Instant.ofEpochSecond(Items.number(item, Table.TTL)),
        Items.number(item, "version"));
  }

  private static Map<String, AttributeValue> activityItem(String pk, Activity a, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(key(pk, Table.activity(a.occurredAt(), a.eventId())));
    item.put("eventId", s(a.eventId()));
    item.put("system", s(a.system()));
    item.put("occurredAt", s(a.occurredAt().toString()));
    item.put(Table.TTL, n(expiresAt.getEpochSecond()));
    item.put("kind", s(a.kind()));
    if (a instanceof Activity.OrderPlaced o) {
        item.put("orderId", s(o.orderId()));
        item.put("lines", AttributeValue.fromL(o.lines().stream().map(l -> AttributeValue.fromM(Map.of(
            "sku", s(l.sku()), "name", s(l.name()), "quantity", n(l.quantity()), "unitPrice", s(l.unitPrice())))).toList()));
        item.put("total", s(o.total()));
        item.put("currency", s(o.currency()));
        putIf(item, "deliveryNote", o.deliveryNote());
        o.invoice().ifPresent(i -> item.put("invoiceNumber", s(i.invoiceNumber())));
    } else if (a instanceof Activity.SupportContact c) {
        item.put("caseId", s(c.caseId()));
        item.put("channel", s(c.channel()));
        putIf(item, "subject", c.subject());
        putIf(item, "summary", c.summary());
    } else if (a instanceof Activity.AccountChanged c) {
        item.put("accountId", s(c.accountId()));
        item.put("created", bool(c.created()));
        c.newsletter().ifPresent(v -> item.put("newsletter", bool(v)));
    } else if (a instanceof Activity.MarketingContactImported m) {
        item.put("list", s(m.list()));
        item.put("consent", bool(m.consent()));
        m.consentedAt().ifPresent(at -> item.put("consentedAt", s(at.toString())));
    }
    return item;
  }

  private Map<String, AttributeValue> invoiceItem(String pk, Activity.OrderPlaced order,
      RecordActivity.Deadlines deadlines) {
    Activity.Invoice i = order.invoice().orElseThrow();
    Map<String, AttributeValue> item = new HashMap<>(key(pk, Table.invoice(i.invoiceNumber())));
    item.put("invoiceNumber", s(i.invoiceNumber()));
    item.put("invoiceDate", s(i.invoiceDate().toString()));
    item.put("amount", s(i.amount()));
    item.put("vat", s(i.vat()));
    item.put("buyerName", s(i.buyerName()));
    item.put("buyerAddress", s(i.buyerAddress()));
    item.put("orderId", s(order.orderId()));
    item.put("system", s(order.system()));
    item.put("deletableFrom", s(deadlines.invoiceDeletableFrom().orElseThrow().toString()));
    item.put(Table.TTL, n(deadlines.invoiceExpiresAt().orElseThrow().getEpochSecond()));
    // The retention scan's entry: the day the bookkeeping period is over.
    item.put(Table.DUE_DAY, s(Table.dueDay(deadlines.invoiceDeletableFrom().orElseThrow(), clock)));
    item.put(Table.DUE_KEY, s(Table.retentionKey(pk, Table.invoice(i.invoiceNumber()))));
    return item;
  }

  /**
   * Keeps every item of the subject until at least {@code until}: new activity moves the person's
   * deadline, a legal hold keeps them past it, and TTL must take nothing before. The profile notes
   * how far the items are kept ({@code keptUntil}); while that covers {@code until} nothing is read
   * (one GetItem). Otherwise every item expiring before the first day of the month after
   * {@code until} is raised to that day, so that a customer's next orders that month need no sweep
   * again (new items are written with at least {@code keptUntil} as well): a long
   * history is swept about once a month of activity, not once an order. Each update is conditional
   * on the value being lower, so a repeat or a late, older event lowers nothing; an invoice whose
   * bookkeeping period ends later keeps its own. The backstop may so expire an older item up to a
   * month after the deadline; the retention scan, not TTL, erases on the day.
   */
  @Override
  public int keepUntil(String subject, Instant until) {
    String pk = Table.subject(subject);
    Map<String, AttributeValue> profile = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .key(key(pk, Table.PROFILE_SK)).consistentRead(true).projectionExpression(KEPT_UNTIL))).item();
    if (profile != null && !later(Instant.EPOCH, profile.get(KEPT_UNTIL)).isBefore(until)) {
      return 0;
    }
    LocalDate month = LocalDate.ofInstant(until, ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1);
    AttributeValue raiseTo = n(month.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
    int moved = 0;
    List<Map<String, AttributeValue>> items = Dependency.call(TABLE, () -> dynamo.queryPaginator(b -> b.tableName(table)
        .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(pk)))
        .projectionExpression("pk, sk, #ttl").expressionAttributeNames(Map.of("#ttl", Table.TTL)).consistentRead(true))
        .items().stream().toList());
    for (Map<String, AttributeValue> item : items) {
      AttributeValue ttl = item.get(Table.TTL);
      if (ttl != null && ttl.n() != null && Long.parseLong(ttl.n()) >= Long.parseLong(raiseTo.n())) {
        continue;
      }
      try {
        Dependency.call(TABLE, () -> dynamo.updateItem(b -> b.tableName(table).key(key(pk, string(item, Table.SK)))
            .updateExpression("SET #ttl = :keep")
            .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#ttl) OR #ttl < :keep)")
            .expressionAttributeNames(Map.of("#ttl", Table.TTL)).expressionAttributeValues(Map.of(":keep", raiseTo))));
        moved++;
      } catch (ConditionalCheckFailedException e) {
        // Moved further meanwhile, or erased: nothing to raise.
      }
    }
    try {
      // Noted last: a sweep cut short is done again, as keptUntil still says it is needed.
      Dependency.call(TABLE, () -> dynamo.updateItem(b -> b.tableName(table).key(key(pk, Table.PROFILE_SK))
          .updateExpression("SET #kept = :keep")
          .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#kept) OR #kept < :keep)")
          .expressionAttributeNames(Map.of("#kept", KEPT_UNTIL)).expressionAttributeValues(Map.of(":keep", raiseTo))));
    } catch (ConditionalCheckFailedException e) {
      // No profile (erased), or kept further meanwhile.
    }
    return moved;
  }

  /**
   * One key of the subject's tombstone partition ({@code T#<subject>}) is enough: any erasure of
   * theirs (or one under way) suppresses a marketing import. Consistent, so an erasure completed a
   * moment ago counts.
   */
  @Override
  public boolean erased(String subject) {
    return Dependency.call(TABLE, () -> dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", s(Table.tombstone(subject)))).projectionExpression("pk")
        .limit(1).consistentRead(true))).count() > 0;
  }

  @Override
  public List<String> customerNumbers(String subject) {
    return profile(subject).map(p -> List.copyOf(p.customerNumbers())).orElse(List.of());
  }

  /**
   * Every item of the subject's partition as the extract shows it, oldest first; bookkeeping
   * attributes and keys are left out, and items past {@code expiresAt} are not shown even before
   * DynamoDB deletes them.
   */
  @Override
  public List<DataItem> items(String subject, Instant now) {
    List<DataItem> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = Dependency.call(TABLE, () -> dynamo.query(b -> {
        b.tableName(table).keyConditionExpression("pk = :pk")
            .expressionAttributeValues(Map.of(":pk", s(Table.subject(subject))));
        if (from != null) {
          b.exclusiveStartKey(from);
        }
      }));
      for (Map<String, AttributeValue> item : page.items()) {
        if (Items.number(item, Table.TTL) != 0 && Items.number(item, Table.TTL) <= now.getEpochSecond()) {
          continue;
        }
        toItem(item).ifPresent(items::add);
      }
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return items;
  }

  private static final Set<String> INTERNAL = Set.of(Table.PK, Table.SK, Table.TTL, Table.DUE_DAY,
      Table.DUE_KEY, "version", "kind", "eventId", KEPT_UNTIL);

  private static Optional<DataItem> toItem(Map<String, AttributeValue> item) {
    String sk = string(item, Table.SK);
    Map<String, Object> fields = new LinkedHashMap<>();
    new TreeMap<>(item).forEach((name, value) -> {
      if (!INTERNAL.contains(name)) {
        fields.put(name, plain(value));
      }
    });
    if (sk.equals(Table.PROFILE_SK)) {
      return Optional.of(new DataItem("contact", "profile", Items.instant(item, "contactUpdatedAt"), fields));
    }
    if (sk.startsWith(Table.INVOICE_PREFIX)) {
      return Optional.of(new DataItem("invoices", "invoice",
          LocalDate.parse(string(item, "invoiceDate")).atStartOfDay(ZoneOffset.UTC).toInstant(), fields));
    }
    if (sk.startsWith(Table.ACTIVITY_PREFIX)) {
      String kind = string(item, "kind");
      String category = switch (String.valueOf(kind)) {
        case "order" -> "orders";
        case "support" -> "support";
        // On a marketing list: the person's contact details, as the list holds them.
        case "marketing-import" -> "contact";
        default -> "account";
      };
      String shown = switch (String.valueOf(kind)) {
        case "support" -> "supportContact";
        case "marketing-import" -> "marketingImport";
        default -> kind;
      };
      return Optional.of(new DataItem(category, shown, Items.instant(item, "occurredAt"), fields));
    }
    return Optional.empty(); // request slots and other bookkeeping of ours
  }

  /** An attribute as plain Java: strings, numbers, booleans, lists and maps. */
  private static Object plain(AttributeValue v) {
    if (v.s() != null) {
      return v.s();
    }
    if (v.n() != null) {
      return v.n().contains(".") ? (Object) new BigDecimal(v.n()) : (Object) Long.parseLong(v.n());
    }
    if (v.bool() != null) {
      return v.bool();
    }
    if (v.hasSs()) {
      return List.copyOf(v.ss());
    }
    if (v.hasL()) {
      return v.l().stream().map(SubjectTable::plain).toList();
    }
    if (v.hasM()) {
      Map<String, Object> m = new LinkedHashMap<>();
      new TreeMap<>(v.m()).forEach((k, x) -> m.put(k, plain(x)));
      return m;
    }
    return null;
  }

  @Override
  public ConnectorResult restrict(String subject, Instant at) {
    return flag(subject, "SET restricted = :yes, restrictedAt = if_not_exists(restrictedAt, :at)", at);
  }

  @Override
  public ConnectorResult object(String subject, Instant at) {
    return flag(subject, "SET objectsToProfiling = :yes, objectsToDirectMarketing = :yes, "
        + "objectedAt = if_not_exists(objectedAt, :at)", at);
  }

  /** The mark and its time go; when it was lifted stays on the profile. */
  @Override
  public ConnectorResult unrestrict(String subject, Instant at) {
    try {
      Dependency.call(TABLE, () -> dynamo.updateItem(b -> b.tableName(table).key(key(Table.subject(subject), Table.PROFILE_SK))
          .updateExpression("REMOVE restricted, restrictedAt SET restrictionLiftedAt = :at")
          .conditionExpression("attribute_exists(pk)")
          .expressionAttributeValues(Map.of(":at", s(at.toString())))));
      return ConnectorResult.done(Map.of("profiles", 1L));
    } catch (ConditionalCheckFailedException e) {
      return ConnectorResult.done(Map.of("profiles", 0L));
    }
  }

  /**
   * The corrected fields become the profile's newest contact details ({@code contactUpdatedAt}:
   * now), and the version moves, so an activity being recorded from the old profile at the same
   * moment is refused and merged again. Once per request ({@code rectifiedBy}): a repeated task
   * does not undo details the shop has sent since.
   */
  @Override
  public ConnectorResult rectify(String subject, Map<String, String> fields, String requestId, Instant at) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":at", s(at.toString()), ":request", s(requestId),
        ":one", n(1)));
    List<String> sets = new ArrayList<>(List.of("contactUpdatedAt = :at", "rectifiedBy = :request", "rectifiedAt = :at"));
    for (String field : CorrectedFields.names()) {
      if (fields.containsKey(field)) {
        names.put("#" + field, field);
        values.put(":" + field, s(fields.get(field)));
        sets.add("#" + field + " = :" + field);
      }
    }
    try {
      Dependency.call(TABLE, () -> dynamo.updateItem(b -> b.tableName(table).key(key(Table.subject(subject), Table.PROFILE_SK))
          .updateExpression("SET " + String.join(", ", sets) + " ADD version :one")
          .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(rectifiedBy) OR rectifiedBy <> :request)")
          .expressionAttributeNames(names).expressionAttributeValues(values)));
      return ConnectorResult.done(Map.of("profiles", 1L));
    } catch (ConditionalCheckFailedException e) {
      // No profile (nothing of theirs to correct), or this request's correction is in already.
      return ConnectorResult.done(Map.of("profiles", profile(subject).isPresent() ? 1L : 0L));
    }
  }

  /**
   * Kept when new activity rewrites the profile: the marks, when a restriction was lifted or the
   * details corrected, and how far the person's items are kept ({@link #keepUntil}).
   */
  private static final List<String> CARRIED = List.of("restricted", "restrictedAt", "objectsToProfiling",
      "objectsToDirectMarketing", "objectedAt", "restrictionLiftedAt", "rectifiedBy", "rectifiedAt", KEPT_UNTIL);

  private Map<String, AttributeValue> carried(String subject) {
    Map<String, AttributeValue> item = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .key(key(Table.subject(subject), Table.PROFILE_SK)).consistentRead(true))).item();
    Map<String, AttributeValue> carried = new HashMap<>();
    if (item != null) {
      CARRIED.stream().filter(item::containsKey).forEach(m -> carried.put(m, item.get(m)));
    }
    return carried;
  }

  private static Instant later(Instant instant, AttributeValue epochSeconds) {
    if (epochSeconds == null || epochSeconds.n() == null) {
      return instant;
    }
    Instant other = Instant.ofEpochSecond(Long.parseLong(epochSeconds.n()));
    return other.isAfter(instant) ? other : instant;
  }

  /** A mark on the profile; a person we hold no profile for has nothing to mark (done, count 0). */
  private ConnectorResult flag(String subject, String update, Instant at) {
    try {
      Dependency.call(TABLE, () -> dynamo.updateItem(b -> b.tableName(table).key(key(Table.subject(subject), Table.PROFILE_SK))
          .updateExpression(update).conditionExpression("attribute_exists(pk)")
          .expressionAttributeValues(Map.of(":yes", bool(true), ":at", s(at.toString())))));
      return ConnectorResult.done(Map.of("profiles", 1L));
    } catch (ConditionalCheckFailedException e) {
      return ConnectorResult.done(Map.of("profiles", 0L));
    }
  }
}
