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
import se.npprod.privacy.core.consent.ConsentMethod;
import se.npprod.privacy.core.consent.ConsentRecord;
import se.npprod.privacy.core.consent.ConsentStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

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

  @Override
  public void append(ConsentRecord r) {
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
    Dependency.call(TABLE, () -> dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(NEW_KEY)));
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

  @Override
  public List<ConsentRecord> history(String consentId, Instant now) {
    List<ConsentRecord> records = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page = Dependency.call(TABLE, () -> dynamo.query(QueryRequest.builder()
          .tableName(table)
          .consistentRead(true)
          .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
          // DynamoDB deletes expired items only eventually: never show one.
          .filterExpression("#ttl > :now")
          .expressionAttributeNames(Map.of("#ttl", Table.TTL))
          .expressionAttributeValues(Map.of(
              ":pk", s(Table.visitor(consentId)), ":prefix", s(Table.CONSENT_PREFIX), ":now", n(now.getEpochSecond())))
          .exclusiveStartKey(from)
          .build()));
      page.items().forEach(item -> records.add(toRecord(item)));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return records;
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
        Instant.ofEpochSecond(Long.parseLong(item.get(Table.TTL).n())));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
