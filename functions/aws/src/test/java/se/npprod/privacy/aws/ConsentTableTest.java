package se.npprod.privacy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.core.consent.BannerConfig;
import se.npprod.privacy.core.consent.ConsentMethod;
import se.npprod.privacy.core.consent.ConsentRecord;
import se.npprod.privacy.core.consent.ConsentStore;
import se.npprod.privacy.core.consent.DailyLimitReached;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.testing.Policies;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

@ExtendWith(EmulatorsExtension.class)
class ConsentTableTest {
  private static final Policy POLICY = Policies.seed();
  private static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123456Z");
  private static final ConsentStore.DailyQuota QUOTA =
      new ConsentStore.DailyQuota("2026-11-25", 100, Instant.parse("2026-11-25T23:00:00Z"));

  private DynamoDbClient dynamo;
  private ConsentTable table;
  private String tableName;

  @BeforeEach
  void connect(LocalCloud cloud) {
    tableName = cloud.physicalName("PrivacyTable");
    dynamo = cloud.emulators().endpoints().dynamoDbClient();
    table = new ConsentTable(dynamo, tableName, java.time.Clock.systemUTC());
  }

  private static ConsentRecord record(String consentId, Instant at, Instant expires) {
    return new ConsentRecord(consentId, UUID.randomUUID().toString(), at,
        Map.of("necessary", true, "analytics", false, "marketing", false), ConsentMethod.REJECT_ALL, 1,
        "ab".repeat(32), POLICY.version(), "sv", "https://shop.npprod.se/", "203.0.113.0/24", true,
        expires.truncatedTo(ChronoUnit.SECONDS), null, "test-ui");
  }

  @Test
  void returnsAVisitorsDecisionsOldestFirstExactlyAsWritten() {
    String visitor = UUID.randomUUID().toString();
    ConsentRecord later = record(visitor, NOW.plusSeconds(60), NOW.plus(900, ChronoUnit.DAYS));
    ConsentRecord first = record(visitor, NOW, NOW.plus(900, ChronoUnit.DAYS));
    table.append(later, QUOTA);
    table.append(first, QUOTA);
    table.append(record(UUID.randomUUID().toString(), NOW, NOW.plus(900, ChronoUnit.DAYS)), QUOTA);

    assertThat(table.recent(visitor, NOW, 20).newest()).containsExactly(first, later);
  }

  @Test
  void writesTheTtlAttributeAsEpochSecondsAndNoWholeAddress() {
    String visitor = UUID.randomUUID().toString();
    ConsentRecord r = record(visitor, NOW, Instant.parse("2029-11-25T10:15:30Z"));
    table.append(r, QUOTA);

    Map<String, AttributeValue> item = dynamo.query(b -> b.tableName(tableName)
        .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Table.visitor(visitor)))))
        .items().get(0);
    assertThat(item.get(Table.TTL).n()).isEqualTo(Long.toString(r.expiresAt().getEpochSecond()));
    assertThat(item.get("ipPrefix").s()).isEqualTo("203.0.113.0/24");
    assertThat(item.get("sk").s()).startsWith("CONSENT#2026-11-25T10:15:30.123456Z#");
  }

  @Test
  void neverShowsAnExpiredDecisionEvenBeforeDynamoDbDeletesIt() {
    String visitor = UUID.randomUUID().toString();
    table.append(record(visitor, NOW.minus(1000, ChronoUnit.DAYS), NOW.minusSeconds(1)), QUOTA);
    ConsentRecord live = record(visitor, NOW, NOW.plus(10, ChronoUnit.DAYS));
    table.append(live, QUOTA);

    assertThat(table.recent(visitor, NOW, 20).newest()).containsExactly(live);
  }

  @Test
  void knowsAVisitorOnlyWhileTheNewestDecisionIsUnexpired() {
    String visitor = UUID.randomUUID().toString();
    assertThat(table.isKnown(visitor, NOW)).isFalse();
    table.append(record(visitor, NOW.minus(30, ChronoUnit.DAYS), NOW.minusSeconds(1)), QUOTA);
    assertThat(table.isKnown(visitor, NOW)).isFalse();

    table.append(record(visitor, NOW, NOW.plus(10, ChronoUnit.DAYS)), QUOTA);

    assertThat(table.isKnown(visitor, NOW)).isTrue();
    assertThat(table.isKnown(visitor, NOW.plus(11, ChronoUnit.DAYS))).isFalse();
  }

  @Test
  void neverOverwritesADecision() {
    ConsentRecord r = record(UUID.randomUUID().toString(), NOW, NOW.plus(10, ChronoUnit.DAYS));
    table.append(r, QUOTA);

    assertThatThrownBy(() -> table.append(r, QUOTA)).isInstanceOf(ConditionalCheckFailedException.class);
    assertThat(table.recent(r.consentId(), NOW, 20).total()).as("nothing counted for the refused write").isEqualTo(1);
  }

  @Test
  void archivesABannerRevisionOnceAndReadsItBackVerified() {
    BannerConfig current = BannerConfig.of(POLICY.consent().banner());
    Policy.Banner b = POLICY.consent().banner();
    BannerConfig sameRevisionOtherText = BannerConfig.of(
        new Policy.Banner(b.revision(), "en", b.cookieName(), b.cookieDomain(), b.categories(), b.texts(), b.googleConsentMode()));

    String first = table.archiveIfAbsent(current);
    String second = table.archiveIfAbsent(sameRevisionOtherText);

    assertThat(first).isEqualTo(current.sha256());
    assertThat(second).as("the first text stays archived").isEqualTo(current.sha256());
    assertThat(table.storedSha256(b.revision())).contains(current.sha256());
    assertThat(table.find(b.revision())).contains(current);
    assertThat(table.find(999)).isEmpty();
    assertThat(table.storedSha256(999)).isEmpty();
  }

  @Test
  void refusesADecisionBeyondTheDailyQuotaAndWritesNothing() {
    String visitor = UUID.randomUUID().toString();
    ConsentStore.DailyQuota three = new ConsentStore.DailyQuota("2026-11-25", 3, QUOTA.resetsAt());
    for (int i = 0; i < 3; i++) {
      table.append(record(visitor, NOW.plusSeconds(i), NOW.plus(10, ChronoUnit.DAYS)), three);
    }

    assertThatThrownBy(() -> table.append(record(visitor, NOW.plusSeconds(9), NOW.plus(10, ChronoUnit.DAYS)), three))
        .isInstanceOfSatisfying(DailyLimitReached.class, e -> assertThat(e.resetsAt()).isEqualTo(three.resetsAt()));

    assertThat(table.recent(visitor, NOW, 20).newest()).hasSize(3);
    assertThat(table.recent(visitor, NOW, 20).total()).isEqualTo(3);
    table.append(record(visitor, NOW.plus(1, ChronoUnit.DAYS), NOW.plus(10, ChronoUnit.DAYS)),
        new ConsentStore.DailyQuota("2026-11-26", 3, QUOTA.resetsAt().plus(1, ChronoUnit.DAYS)));
    assertThat(table.recent(visitor, NOW, 20).total()).as("a new day, a new quota").isEqualTo(4);
  }

  @Test
  void showsOnlyTheNewestDecisionsFromOneBoundedQueryAndCountsThemAll() {
    String visitor = UUID.randomUUID().toString();
    for (int i = 0; i < 30; i++) {
      table.append(record(visitor, NOW.plusSeconds(i), NOW.plus(10, ChronoUnit.DAYS)), QUOTA);
    }

    ConsentStore.History history = table.recent(visitor, NOW, 5);

    assertThat(history.total()).isEqualTo(30);
    assertThat(history.newest()).extracting(ConsentRecord::recordedAt)
        .containsExactly(NOW.plusSeconds(25), NOW.plusSeconds(26), NOW.plusSeconds(27), NOW.plusSeconds(28),
            NOW.plusSeconds(29));
  }

  @Test
  void findsTheBannerHashAndTheInterfaceInOneReadAndArchivesAnInterfaceOnce() {
    BannerConfig current = BannerConfig.of(POLICY.consent().banner());
    table.archiveIfAbsent(current);
    se.npprod.privacy.core.consent.ConsentInterface ui = new se.npprod.privacy.core.consent.ConsentInterface(
        UUID.randomUUID().toString(), "vanilla-cookieconsent@3.1.0 sha512-x", current.sha256(), "// banner", "// mode");

    assertThat(table.archived(current.revision(), ui.uiVersion()))
        .isEqualTo(new se.npprod.privacy.core.consent.BannerArchive.Archived(Optional.of(current.sha256()), false));
    table.archiveInterfaceIfAbsent(ui);
    table.archiveInterfaceIfAbsent(ui);
    assertThat(table.archived(current.revision(), ui.uiVersion()).interfaceArchived()).isTrue();
    assertThat(table.archived(999, ui.uiVersion()).bannerSha256()).isEmpty();
  }
}
