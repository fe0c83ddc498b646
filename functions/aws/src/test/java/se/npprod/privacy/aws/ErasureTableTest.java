package se.npprod.privacy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.core.erasure.ErasurePlans;
import se.npprod.privacy.core.erasure.Identifiers;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.RequestStore.FollowUp;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.testing.Policies;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The erasure plan's processor steps against dynoxide: what a WAITING task is written with. */
@ExtendWith(EmulatorsExtension.class)
class ErasureTableTest {
  private static final Policy POLICY = Policies.seed();
  /** Far from other tests' days: follow-ups are listed by day. */
  private static final Instant NOW = Instant.parse("2032-05-11T08:00:00Z");
  private static final LocalDate TODAY = LocalDate.of(2032, 5, 11);

  private DynamoDbClient dynamo;
  private String table;
  private ErasureTable plans;
  private RequestTable requests;

  @BeforeEach
  void connect(LocalCloud cloud) {
    dynamo = cloud.emulators().endpoints().dynamoDbClient();
    table = cloud.physicalName("PrivacyTable");
    plans = new ErasureTable(dynamo, table, POLICY.timezone());
    requests = new RequestTable(dynamo, table, POLICY.timezone());
  }

  private String plannedWithLogistics() {
    String id = UUID.randomUUID().toString();
    Identifiers ids = new Identifiers("subject-" + id, EmailAddress.parse("lager@example.se").orElseThrow(), List.of("K-1"),
        List.of());
    assertThat(plans.create(id, ids, List.of("logistics"), AuditEvent.of(id, NOW, "erasure-planned"))).isTrue();
    return id;
  }

  private static List<FollowUp> followUps(String id) {
    return List.of(new FollowUp(id, "processor-remind#logistics", NOW.plusSeconds(3600)),
        new FollowUp(id, "processor-escalate#logistics", NOW.plusSeconds(8 * 3600)));
  }

  private boolean asked(String id, String tokenHash) {
    return plans.waiting(id, "logistics", tokenHash, NOW.plusSeconds(30 * 86400L), followUps(id),
        AuditEvent.of(id, NOW, "processor-asked"));
  }

  private List<FollowUp> due(String id) {
    return requests.followUpsDue(TODAY, TODAY).stream().filter(f -> f.requestId().equals(id)).toList();
  }

  private Map<String, AttributeValue> item(String pk, String sk) {
    return dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))))
        .item();
  }

  @Test
  void aProcessorsTaskWaitsWithItsLinkAndItsReminderAndEscalationWrittenTogether() {
    String id = plannedWithLogistics();

    assertThat(asked(id, "hash-" + id)).isTrue();

    assertThat(plans.plan(id).orElseThrow().tasks()).singleElement()
        .satisfies(t -> assertThat(t.state()).isEqualTo(ErasurePlans.TaskState.WAITING));
    assertThat(plans.processorToken("hash-" + id)).contains(new ErasurePlans.ProcessorToken(id, "logistics"));
    assertThat(due(id)).containsExactlyInAnyOrderElementsOf(followUps(id));
    assertThat(item("R#" + id, "FOLLOWUP#processor-escalate#logistics"))
        .containsEntry("dueDay", AttributeValue.fromS("2032-05-11"))
        .containsEntry("dueKey", AttributeValue.fromS("FOLLOWUP#processor-escalate#logistics#R#" + id));
  }

  @Test
  void askingAgainWritesNothingSoADoneFollowUpDoesNotComeBack() {
    String id = plannedWithLogistics();
    asked(id, "first-" + id);
    requests.followUpDone(followUps(id).get(0));

    assertThat(asked(id, "second-" + id)).isFalse();

    assertThat(due(id)).containsExactly(followUps(id).get(1));
    assertThat(plans.processorToken("second-" + id)).isEmpty();
  }

  @Test
  void aReminderLinkConfirmsTheSameTaskBesideTheFirstUntilTheTaskIsConfirmed() {
    String id = plannedWithLogistics();
    asked(id, "first-" + id);

    boolean reminded = plans.addProcessorToken(id, "logistics", "second-" + id, NOW.plusSeconds(30 * 86400L),
        AuditEvent.of(id, NOW, "processor-reminded"));
    plans.acknowledge(id, "logistics", "Lena Logistik", NOW.plusSeconds(60));
    boolean afterConfirmation = plans.addProcessorToken(id, "logistics", "third-" + id, NOW.plusSeconds(30 * 86400L),
        AuditEvent.of(id, NOW, "processor-reminded"));

    assertThat(reminded).isTrue();
    assertThat(plans.processorToken("first-" + id)).contains(new ErasurePlans.ProcessorToken(id, "logistics"));
    assertThat(plans.processorToken("second-" + id)).contains(new ErasurePlans.ProcessorToken(id, "logistics"));
    assertThat(item("R#" + id, "TASK#logistics")).containsEntry("remindedAt", AttributeValue.fromS(NOW.toString()));
    assertThat(afterConfirmation).as("a confirmed task gets no more links").isFalse();
    assertThat(plans.processorToken("third-" + id)).isEmpty();
  }

  @Test
  void aTaskThatIsNotPendingIsNotAskedAndGetsNoFollowUps() {
    String id = plannedWithLogistics();
    plans.failed(id, "logistics", "not-configured", AuditEvent.of(id, NOW, "erasure-task-failed"));

    assertThat(asked(id, "hash-" + id)).isFalse();

    assertThat(due(id)).isEmpty();
    assertThat(plans.processorToken("hash-" + id)).isEmpty();
  }
}
