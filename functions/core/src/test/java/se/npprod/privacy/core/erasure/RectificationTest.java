package se.npprod.privacy.core.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.consent.InvalidInput;
import se.npprod.privacy.core.extract.SystemData;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.OutgoingMail;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.Profile;
import se.npprod.privacy.core.testing.InMemoryErasurePlans;
import se.npprod.privacy.core.testing.InMemoryProfiles;
import se.npprod.privacy.core.testing.InMemoryRequestStore;
import se.npprod.privacy.core.testing.MutableClock;
import se.npprod.privacy.core.testing.Policies;
import se.npprod.privacy.core.testing.ScriptedSystems;

/**
 * Art. 16 and 19 with in-memory ports: a verified rectification waits for the privacy team's
 * corrected fields, then reaches our profile and every system by API with them, the processor by
 * mail is left to the team, and the person is told which fields and where, not the values.
 */
class RectificationTest {
  private static final Policy POLICY = Policies.seed();
  private static final String TEAM = "arn:aws:iam::123456789012:user/integritetsteamet";
  private static final String SUBJECT = "subject-hmac-rattelse";

  private final MutableClock clock = new MutableClock(Instant.parse("2031-05-05T08:00:00Z"));
  private final InMemoryRequestStore requests = new InMemoryRequestStore();
  private final InMemoryErasurePlans plans = new InMemoryErasurePlans(requests);
  private final InMemoryProfiles profiles = new InMemoryProfiles();
  private final ScriptedSystems systems = new ScriptedSystems();
  private final List<OutgoingMail> sent = new ArrayList<>();
  private final List<String> planMessages = new ArrayList<>();
  private final List<ErasureTask> tasks = new ArrayList<>();
  private ConfirmRectification confirm;
  private PlanErasure plan;
  private RunErasureTask run;

  @BeforeEach
  void wire() {
    ErasureQueue queue = new ErasureQueue() {
      @Override
      public void plan(String requestId) {
        planMessages.add(requestId);
      }

      @Override
      public void send(List<ErasureTask> sentTasks) {
        tasks.addAll(sentTasks);
      }
    };
    confirm = new ConfirmRectification(requests, plans, queue, clock);
    plan = new PlanErasure(POLICY, requests, profiles, plans, queue, clock);
    run = new RunErasureTask(POLICY, requests, plans, (subject, now) -> {
      throw new AssertionError("a rectification erases nothing");
    }, profiles, systems, (system, query) -> new SystemData(system.id(), system.name(), SystemData.Status.ANSWERED, List.of()),
        system -> Optional.empty(), VerificationLinks.under("http://localhost:3000"), sent::add, clock);
    profiles.profiles.put(SUBJECT, new Profile(SUBJECT, email(), "Rut Rättelse", "+46 70 111 22 33",
        new LinkedHashSet<>(List.of("K-16")), Set.of("webshop"), clock.instant().minusSeconds(86_400 * 30),
        clock.instant().minusSeconds(86_400 * 30), LocalDate.of(2033, 4, 5), Instant.parse("2033-04-05T00:00:00Z"), 3));
  }

  private static EmailAddress email() {
    return EmailAddress.parse("rut.rattelse@example.se").orElseThrow();
  }

  private PrivacyRequest request(String id, RequestType type, RequestStatus status) {
    return requests.put(new PrivacyRequest(id, type, Channel.EMAIL, status, "sv", email(), SUBJECT,
        clock.instant().minusSeconds(3600), LocalDate.of(2031, 6, 5), Optional.of(clock.instant().minusSeconds(600)),
        List.of("rätta"), Optional.empty(), "Mitt efternamn är fel stavat, och telefonnumret är gammalt.",
        Instant.parse("2034-06-05T00:00:00Z")));
  }

  private void runAll() {
    for (String id : List.copyOf(planMessages)) {
      plan.plan(id);
    }
    planMessages.clear();
    List<ErasureTask> now = List.copyOf(tasks);
    tasks.clear();
    now.forEach(run::run);
  }

  @Test
  void aVerifiedRectificationIsNotPlannedUntilThePrivacyTeamConfirmsTheFields() {
    request("rattelseaaaaaaaaaaaaaaaaaa", RequestType.RECTIFICATION, RequestStatus.VERIFIED);

    assertThat(plan.plan("rattelseaaaaaaaaaaaaaaaaaa")).isEqualTo(PlanErasure.Outcome.SKIPPED);

    assertThat(tasks).isEmpty();
    assertThat(requests.request("rattelseaaaaaaaaaaaaaaaaaa").orElseThrow().status()).isEqualTo(RequestStatus.VERIFIED);
  }

  @Test
  void confirmedFieldsReachOurProfileAndEverySystemByApiAndThePersonIsToldWhichFieldsNotTheirValues() {
    String id = "rattelsebbbbbbbbbbbbbbbbbb";
    request(id, RequestType.RECTIFICATION, RequestStatus.VERIFIED);

    assertThat(confirm.confirm(id, Map.of("name", " Rut Rättelse-Berg ", "phone", "+46 70 999 88 77"), TEAM))
        .isEqualTo(ConfirmRectification.Outcome.PLANNED);
    runAll();

    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
    Profile corrected = profiles.profiles.get(SUBJECT);
    assertThat(corrected.name()).isEqualTo("Rut Rättelse-Berg");
    assertThat(corrected.phone()).isEqualTo("+46 70 999 88 77");
    assertThat(corrected.contactUpdatedAt()).as("older events from the shop do not undo it").isEqualTo(clock.instant());
    assertThat(systems.actions()).containsExactlyInAnyOrder("webshop:rectify", "crm:rectify", "newsletter:rectify");
    assertThat(systems.calls).allSatisfy(c -> {
      assertThat(c.fields()).containsOnly(Map.entry("name", "Rut Rättelse-Berg"), Map.entry("phone", "+46 70 999 88 77"));
      assertThat(c.identifiers().phones()).as("found by what they knew before").containsExactly("+46 70 111 22 33");
    });
    assertThat(requests.events(id)).anySatisfy(e -> {
      assertThat(e.what()).isEqualTo("rectification-planned");
      assertThat(e.details()).containsEntry("systems", "registry,webshop,crm,newsletter")
          .containsEntry("byHand", "logistics").containsEntry("fields", "name,phone");
    });
    assertThat(requests.events(id)).anySatisfy(e -> {
      assertThat(e.what()).isEqualTo("rectification-confirmed");
      assertThat(e.details()).containsEntry("by", TEAM);
    });
    assertThat(requests.events.toString()).doesNotContain("Berg", "999");
    assertThat(sent).singleElement().satisfies(mail -> {
      assertThat(mail.kind()).isEqualTo("rectification-confirmation");
      assertThat(mail.subject()).startsWith("Dina personuppgifter är rättade / Your personal data has been corrected");
      assertThat(mail.text()).contains("- namn\n- telefonnummer", "- name\n- phone number", "Kundsystemet (CRM)",
          "The customer relationship system (CRM)", "IMY").doesNotContain("Berg", "999", "Logistik");
      assertThat(mail.text().indexOf("Hej!")).isLessThan(mail.text().indexOf("Hello,"));
    });
  }

  @Test
  void everyBadFieldIsNamedAtOnceAndNothingIsRecorded() {
    String id = "rattelsecccccccccccccccccc";
    request(id, RequestType.RECTIFICATION, RequestStatus.VERIFIED);
    Map<String, Object> bad = new HashMap<>(Map.of("address", "Storgatan 1", "email", "ny@example.se", "name", "",
        "phone", "ring mig"));

    assertThatThrownBy(() -> confirm.confirm(id, bad, TEAM)).isInstanceOfSatisfying(InvalidInput.class, e -> {
      assertThat(e.errors()).extracting(InvalidInput.FieldError::field)
          .containsExactlyInAnyOrder("fields.address", "fields.email", "fields.name", "fields.phone");
      assertThat(e.errors().toString()).doesNotContain("Storgatan", "ny@example.se", "ring mig");
    });
    assertThatThrownBy(() -> confirm.confirm(id, Map.of(), TEAM)).isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> confirm.confirm(id, Map.of("name", "x".repeat(201)), TEAM)).isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> confirm.confirm(id, Map.of("name", 42), TEAM)).isInstanceOf(InvalidInput.class);

    assertThat(plans.corrections(id)).isEmpty();
    assertThat(planMessages).isEmpty();
  }

  @Test
  void onlyAVerifiedRectificationTakesCorrections() {
    request("rattelsedddddddddddddddddd", RequestType.RESTRICTION, RequestStatus.VERIFIED);
    request("rattelseeeeeeeeeeeeeeeeeee", RequestType.RECTIFICATION, RequestStatus.AWAITING_VERIFICATION);
    String planned = "rattelseffffffffffffffffff";
    request(planned, RequestType.RECTIFICATION, RequestStatus.VERIFIED);
    confirm.confirm(planned, Map.of("name", "Rut Berg"), TEAM);
    runAll();

    assertThat(confirm.confirm("rattelsedddddddddddddddddd", Map.of("name", "X"), TEAM))
        .isEqualTo(ConfirmRectification.Outcome.NOT_A_VERIFIED_RECTIFICATION);
    assertThat(confirm.confirm("rattelseeeeeeeeeeeeeeeeeee", Map.of("name", "X"), TEAM))
        .isEqualTo(ConfirmRectification.Outcome.NOT_A_VERIFIED_RECTIFICATION);
    assertThat(confirm.confirm(planned, Map.of("name", "Någon annan"), TEAM))
        .as("passed on already: the fields sent stay what was sent")
        .isEqualTo(ConfirmRectification.Outcome.NOT_A_VERIFIED_RECTIFICATION);
    assertThat(confirm.confirm("rattelsegggggggggggggggggg", Map.of("name", "X"), TEAM))
        .isEqualTo(ConfirmRectification.Outcome.UNKNOWN);
    assertThat(plans.corrections(planned)).contains(Map.of("name", "Rut Berg"));
  }

  @Test
  void aSecondConfirmationBeforePlanningReplacesTheFirstAndEachTaskIsDoneOnce() {
    String id = "rattelsehhhhhhhhhhhhhhhhhh";
    request(id, RequestType.RECTIFICATION, RequestStatus.VERIFIED);

    confirm.confirm(id, Map.of("name", "Rut Berq"), TEAM);
    confirm.confirm(id, Map.of("name", "Rut Berg"), TEAM);
    runAll();
    plan.plan(id);
    List<ErasureTask> again = List.copyOf(tasks);
    again.forEach(run::run);

    assertThat(systems.calls).hasSize(3).allSatisfy(c -> assertThat(c.fields()).containsExactly(Map.entry("name", "Rut Berg")));
    assertThat(profiles.profiles.get(SUBJECT).name()).isEqualTo("Rut Berg");
    assertThat(profiles.profiles.get(SUBJECT).phone()).as("a field not corrected stays").isEqualTo("+46 70 111 22 33");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).text()).contains("- namn").doesNotContain("telefonnummer");
  }

  @Test
  void aSystemThatIsDownIsAskedAgainAndThePersonIsToldOnlyWhenAllAreDone() {
    String id = "rattelseiiiiiiiiiiiiiiiiii";
    request(id, RequestType.RECTIFICATION, RequestStatus.VERIFIED);
    systems.script("crm", ConnectorResult.retry("http-503"));

    confirm.confirm(id, Map.of("phone", "070-999 88 77"), TEAM);
    plan.plan(id);
    List<ErasureTask> first = List.copyOf(tasks);
    List<RunErasureTask.Outcome> outcomes = first.stream().map(run::run).toList();

    assertThat(outcomes).contains(RunErasureTask.Outcome.RETRY);
    assertThat(requests.request(id).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);
    assertThat(sent).isEmpty();
    assertThat(run.run(new ErasureTask(id, "crm"))).isEqualTo(RunErasureTask.Outcome.COMPLETED);
    assertThat(sent).hasSize(1);
    assertThat(systems.actions()).filteredOn(a -> a.startsWith("crm")).hasSize(2);
  }
}
