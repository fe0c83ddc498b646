package se.npprod.privacy.aws;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.consent.BannerArchive;
import se.npprod.privacy.core.consent.BannerConfig;
import se.npprod.privacy.core.consent.ConsentInterface;
import se.npprod.privacy.core.consent.ConsentMethod;
import se.npprod.privacy.core.consent.ConsentRecord;
import se.npprod.privacy.core.consent.ConsentStore;
import se.npprod.privacy.core.consent.DailyLimitReached;
import se.npprod.privacy.core.port.Unavailable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Consent decisions ({@code V#<consentId>} / {@code CONSENT#<time>#<recordId>}) and banner
 * revisions ({@code BANNER#<revision>} / {@code BANNER}) in the shared table. Every write is
 * conditional on the key being new: the log is append-only.
 */
public final class ConsentTable implements ConsentStore, BannerArchive {
  private static final String NEW_KEY = "attribute_not_exists(pk)";
  private static final String TABLE = "table";

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public ConsentTable(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
  }

  /**
   * One transaction: the day's counter goes up only while it is below the quota, the visitor's
   * total goes up, and the record is put only if its key is new. If the quota is used up, nothing
   * is written.
   */
  @Override
  public void append(ConsentRecord r, DailyQuota quota) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(Table.PK, s(Table.visitor(r.consentId())));
    item.put(Table.SK, s(Table.consentDecision(r.recordedAt(), r.recordId())));
    item.put("type", s("CONSENT"));
    item.put("consentId", s(r.consentId()));
    item.put("recordId", s(r.recordId()));
    item.put("recordedAt", s(r.recordedAt().toString()));
    Map<String, AttributeValue> choices = new LinkedHashMap<>();
    r.choices().forEach((k, v) -> choices.put(k, AttributeValue.fromBool(v)));
    item.put("choices", AttributeValue.fromM(choices));
    item.put("method", s(r.method().wire()));
    item.put("bannerRevision", n(r.bannerRevision()));
    item.put("bannerSha256", s(r.bannerSha256()));
    item.put("policyVersion", s(r.policyVersion()));
    item.put("language", s(r.language()));
    item.put("pageUrl", s(r.pageUrl()));
    item.put("ipPrefix", s(r.ipPrefix()));
    item.put("gpc", AttributeValue.fromBool(r.gpc()));
    item.put(Table.TTL, n(r.expiresAt().getEpochSecond()));
    // The retention scan deletes it the day after its proof retention ends; TTL is the backstop.
    Table.listForRetention(item, r.expiresAt());
    if (r.decidedAt() != null) {
      item.put("decidedAt", s(r.decidedAt().toString()));
    }
    item.put("uiVersion", s(r.uiVersion()));
    String visitor = Table.visitor(r.consentId());
    TransactWriteItemsRequest write = TransactWriteItemsRequest.builder().transactItems(
        TransactWriteItem.builder().update(u -> u.tableName(table)
            .key(Map.of(Table.PK, s(visitor), Table.SK, s(Table.consentDay(quota.day()))))
            .updateExpression("ADD #count :one SET #ttl = :dayEnds")
            .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
            .expressionAttributeNames(Map.of("#count", "decisions", "#ttl", Table.TTL))
            // The counter is needed until the day is over; a day later TTL may remove it.
            .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(quota.limit()),
                ":dayEnds", n(quota.resetsAt().getEpochSecond() + 86_400)))).build(),
        TransactWriteItem.builder().update(u -> u.tableName(table)
            .key(Map.of(Table.PK, s(visitor), Table.SK, s(Table.VISITOR_SUMMARY)))
            .updateExpression("ADD #count :one SET #ttl = :ttl")
            .expressionAttributeNames(Map.of("#count", "decisions", "#ttl", Table.TTL))
            // As long as the newest record: the count goes when the proof goes.
            .expressionAttributeValues(Map.of(":one", n(1), ":ttl", n(r.expiresAt().getEpochSecond())))).build(),
        TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression(NEW_KEY)).build())
        .build();
    try {
      Dependency.call(TABLE, () -> dynamo.transactWriteItems(write));
    } catch (TransactionCanceledException e) {
      List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
      if (failed(reasons, 0)) {
        throw new DailyLimitReached(quota.resetsAt());
      }
      if (failed(reasons, 2)) {
        throw ConditionalCheckFailedException.builder().message("a record with this key exists; never overwritten")
            .build();
      }
      // A conflicting transaction on the same counters: the caller may simply try again.
      throw new Unavailable(TABLE, e);
    }
  }

  private static boolean failed(List<CancellationReason> reasons, int index) {
    return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
  }

  /**
   * Reads only the newest decision: every record of a visitor gets the same retention, so if the
   * newest has expired, all have.
   */
  @Override
  public boolean isKnown(String consentId, Instant now) {
    List<Map<String, AttributeValue>> newest = Dependency.call(TABLE, () -> dynamo.query(QueryRequest.builder()
        .tableName(table)
        .consistentRead(true)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
        .expressionAttributeValues(Map.of(":pk", s(Table.visitor(consentId)), ":prefix", s(Table.CONSENT_PREFIX)))
        .projectionExpression("#ttl")
        .expressionAttributeNames(Map.of("#ttl", Table.TTL))
        .scanIndexForward(false)
        .limit(1)
        .build()).items());
    return !newest.isEmpty() && Long.parseLong(newest.get(0).get(Table.TTL).n()) > now.getEpochSecond();
  }

  /**
   * Two bounded reads, whatever the history: the newest {@code limit} decisions (one query, newest
   * first, {@code Limit} set) and the visitor's count. Eventually consistent: nobody needs a decision
   * back within a second of making it, and it halves the cost.
   */
  @Override
  public History recent(String consentId, Instant now, int limit) {
    QueryResponse page = Dependency.call(TABLE, () -> dynamo.query(QueryRequest.builder()
        .tableName(table)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
        // DynamoDB deletes expired items only eventually: never show one. All of a visitor's
        // records share one retention, so the newest are the last to expire.
        .filterExpression("#ttl > :now")
        .expressionAttributeNames(Map.of("#ttl", Table.TTL))
        .expressionAttributeValues(Map.of(
            ":pk", s(Table.visitor(consentId)), ":prefix", s(Table.CONSENT_PREFIX), ":now", n(now.getEpochSecond())))
        .scanIndexForward(false)
        .limit(limit)
        .build()));
    List<ConsentRecord> newest = new ArrayList<>();
    page.items().forEach(item -> newest.add(0, toRecord(item)));
    if (newest.isEmpty()) {
      return new History(List.of(), 0);
    }
    Map<String, AttributeValue> summary = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .key(Map.of(Table.PK, s(Table.visitor(consentId)), Table.SK, s(Table.VISITOR_SUMMARY)))
        .projectionExpression("decisions")).item());
    long total = summary == null || !summary.containsKey("decisions") ? newest.size()
        : Long.parseLong(summary.get("decisions").n());
    return new History(newest, total);
  }

  @Override
  public Optional<BannerConfig> find(int revision) {
    Map<String, AttributeValue> item = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .consistentRead(true).key(bannerKey(revision))).item());
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(BannerConfig.fromArchive(item.get("config").s(), item.get("sha256").s()));
  }

  /** One BatchGetItem of both keys, hashes and keys only: no archived text is read. */
  @Override
  public Archived archived(int bannerRevision, String uiVersion) {
    Map<String, AttributeValue> banner = bannerKey(bannerRevision);
    Map<String, AttributeValue> ui = interfaceKey(uiVersion);
    List<Map<String, AttributeValue>> found = Dependency.call(TABLE, () -> dynamo.batchGetItem(b -> b.requestItems(
        Map.of(table, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
            .keys(banner, ui).consistentRead(true).projectionExpression("pk, sha256").build())))
        .responses().getOrDefault(table, List.of()));
    Optional<String> bannerSha = found.stream().filter(i -> i.get(Table.PK).equals(banner.get(Table.PK)))
        .findFirst().map(i -> i.get("sha256").s());
    boolean interfaceArchived = found.stream().anyMatch(i -> i.get(Table.PK).equals(ui.get(Table.PK)));
    return new Archived(bannerSha, interfaceArchived);
  }

  @Override
  public void archiveInterfaceIfAbsent(ConsentInterface ui) {
    Map<String, AttributeValue> item = new LinkedHashMap<>(interfaceKey(ui.uiVersion()));
    item.put("type", s("UI"));
    item.put("uiVersion", s(ui.uiVersion()));
    item.put("library", s(ui.library()));
    item.put("bannerSha256", s(ui.bannerSha256()));
    item.put("bannerJs", s(ui.bannerJs()));
    item.put("consentModeJs", s(ui.consentModeJs()));
    item.put("archivedAt", s(clock.instant().toString()));
    try {
      Dependency.call(TABLE, () -> dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(NEW_KEY)));
    } catch (ConditionalCheckFailedException alreadyArchived) {
      // An interface version is its content's hash: what is stored is the same.
    }
  }

  private static Map<String, AttributeValue> interfaceKey(String uiVersion) {
    return Map.of(Table.PK, s(Table.consentInterface(uiVersion)), Table.SK, s(Table.INTERFACE_SK));
  }

  @Override
  public Optional<String> storedSha256(int revision) {
    Map<String, AttributeValue> item = Dependency.call(TABLE, () -> dynamo.getItem(b -> b.tableName(table)
        .consistentRead(true).key(bannerKey(revision)).projectionExpression("sha256"))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("sha256").s());
  }

  @Override
  public String archiveIfAbsent(BannerConfig banner) {
    Map<String, AttributeValue> item = new LinkedHashMap<>(bannerKey(banner.revision()));
    item.put("type", s("BANNER"));
    item.put("revision", n(banner.revision()));
    item.put("sha256", s(banner.sha256()));
    item.put("config", s(banner.canonicalJson()));
    item.put("archivedAt", s(clock.instant().toString()));
    try {
      Dependency.call(TABLE, () -> dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(NEW_KEY)));
      return banner.sha256();
    } catch (ConditionalCheckFailedException alreadyArchived) {
      return storedSha256(banner.revision()).orElseThrow();
    }
  }

  private static Map<String, AttributeValue> bannerKey(int revision) {
    return Map.of(Table.PK, s(Table.banner(revision)), Table.SK, s(Table.BANNER_SK));
  }

  private static ConsentRecord toRecord(Map<String, AttributeValue> item) {
    Map<String, Boolean> choices = new LinkedHashMap<>();
    item.get("choices").m().forEach((k, v) -> choices.put(k, v.bool()));
    return new ConsentRecord(
        item.get("consentId").s(),
        item.get("recordId").s(),
        Instant.parse(item.get("recordedAt").s()),
        choices,
        ConsentMethod.fromWire(item.get("method").s()).orElseThrow(),
        Integer.parseInt(item.get("bannerRevision").n()),
        item.get("bannerSha256").s(),
        item.get("policyVersion").s(),
        item.get("language").s(),
        item.get("pageUrl").s(),
        item.get("ipPrefix").s(),
        item.get("gpc").bool(),
        Instant.ofEpochSecond(Long.parseLong(item.get(Table.TTL).n())),
        item.containsKey("decidedAt") ? Instant.parse(item.get("decidedAt").s()) : null,
        item.get("uiVersion").s());
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
