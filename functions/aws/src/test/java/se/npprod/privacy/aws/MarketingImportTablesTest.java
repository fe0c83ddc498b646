package se.npprod.privacy.aws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.core.extract.DataItem;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.subject.Activity;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.RecordActivity;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.core.testing.Policies;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The registry's side of marketing imports, against dynoxide: the tombstone read as the marker of
 * an erased person, an objection to direct marketing that no import clears, and an import as the
 * extract shows it.
 */
@ExtendWith(EmulatorsExtension.class)
class MarketingImportTablesTest {
  private static final Policy POLICY = Policies.seed();
  private static final SubjectKeys KEYS = new SubjectKeys("t".repeat(32).getBytes(UTF_8));
  private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

  private DynamoDbClient dynamo;
  private String tableName;
  private SubjectTable subjects;
  private ErasureTable plans;
  private RecordActivity recorder;

  @BeforeEach
  void connect(LocalCloud cloud) {
    tableName = cloud.physicalName("PrivacyTable");
    dynamo = cloud.emulators().endpoints().dynamoDbClient();
    subjects = new SubjectTable(dynamo, tableName);
    plans = new ErasureTable(dynamo, tableName, POLICY.timezone());
    recorder = new RecordActivity(POLICY, KEYS, subjects);
  }

  @Test
  void aSubjectCountsAsErasedOnceATombstoneOfTheirsExists() {
    String subject = KEYS.of(newAddress());
    String other = KEYS.of(newAddress());
    plans.tombstone(other, "req-other", List.of("registry"), NOW);

    assertThat(subjects.erased(subject)).isFalse();

    plans.tombstone(subject, "req-1", List.of("registry", "newsletter"), NOW);
    plans.tombstone(subject, "req-2", List.of("registry"), NOW.plusSeconds(86_400));

    assertThat(subjects.erased(subject)).isTrue();
    assertThat(subjects.erased(other)).isTrue();
    assertThat(subjects.erased(KEYS.of(newAddress()))).isFalse();
  }

  @Test
  void aMarketingImportWithConsentNeverClearsAnObjectionToDirectMarketing() {
    EmailAddress email = newAddress();
    String subject = recorder.record(order(email, "2026-11-20T09:00:00Z")).subject();
    subjects.object(subject, NOW);

    RecordActivity.Result imported = recorder.record(imported(email, Optional.of(Instant.parse("2026-11-19T14:20:00Z"))));

    assertThat(imported.status()).isEqualTo(RecordActivity.Status.RECORDED);
    Map<String, AttributeValue> profile = dynamo.getItem(b -> b.tableName(tableName)
        .key(Map.of(Table.PK, AttributeValue.fromS(Table.subject(subject)), Table.SK, AttributeValue.fromS(Table.PROFILE_SK))))
        .item();
    assertThat(profile.get("systems").ss()).contains("newsletter");
    assertThat(profile.get("objectsToDirectMarketing").bool()).isTrue();
    assertThat(profile.get("objectsToProfiling").bool()).isTrue();
    assertThat(profile.get("objectedAt").s()).isEqualTo(NOW.toString());
  }

  @Test
  void anImportIsShownInTheExtractAsAPlaceOnAMailingListWithoutTheContactDetailsTwice() {
    EmailAddress email = newAddress();
    String subject = recorder.record(imported(email, Optional.empty())).subject();

    List<DataItem> items = subjects.items(subject, NOW);

    assertThat(items).extracting(DataItem::kind).containsExactlyInAnyOrder("profile", "marketingImport");
    DataItem imported = items.stream().filter(i -> i.kind().equals("marketingImport")).findFirst().orElseThrow();
    assertThat(imported.category()).isEqualTo("contact");
    assertThat(imported.fields()).containsEntry("list", "elmia-2026").containsEntry("consent", false)
        .doesNotContainKeys("consentedAt", "email", "name");
  }

  private static Activity imported(EmailAddress email, Optional<Instant> consentedAt) {
    return new Activity.MarketingContactImported(UUID.randomUUID().toString(), "newsletter",
        Instant.parse("2026-11-26T09:00:00Z"), new Activity.Contact(email, "Anna", null, null), "elmia-2026", consentedAt);
  }

  private static EmailAddress newAddress() {
    return EmailAddress.parse("p" + UUID.randomUUID().toString().substring(0, 8) + "@example.se").orElseThrow();
  }

  private static Activity order(EmailAddress email, String at) {
    return new Activity.OrderPlaced(UUID.randomUUID().toString(), "webshop", Instant.parse(at),
        new Activity.Contact(email, "Anna", null, null), "o1", List.of(new Activity.OrderLine("sku", "name", 1, "1.00")),
        "1.00", "SEK", null, Optional.empty());
  }
}
