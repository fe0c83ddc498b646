package se.npprod.privacy.core.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.FollowUpRequests;
import se.npprod.privacy.core.request.OutgoingMail;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.Profile;
import se.npprod.privacy.core.testing.InMemoryErasurePlans;
import se.npprod.privacy.core.testing.InMemoryProfiles;
import se.npprod.privacy.core.testing.InMemoryRequestStore;
import se.npprod.privacy.core.testing.MutableClock;
import se.npprod.privacy.core.testing.Policies;
import se.npprod.privacy.core.testing.ScriptedSystems;

/**
 * Art. 18(3) with in-memory ports: the person is told first, nothing is lifted before the notice
 * period is over, then our mark goes and every system told {@code restrict} is told
 * {@code unrestrict} once, a system that was down being asked again on the next run.
 */
class RestrictionLiftTest {
  private static final Policy POLICY = Policies.seed();
  private static final String TEAM = "arn:aws:iam::123456789012:user/integritetsteamet";
  private static final String SUBJECT = "subject-hmac-begransning";
  private static final String ID = "begransaaaaaaaaaaaaaaaaaaa";

  /** 10:00 in Stockholm on Thursday 3 April 2031. */
  private final MutableClock clock = new MutableClock(Instant.parse("2031-04-03T08:00:00Z"));
  private final InMemoryRequestStore requests = new InMemoryRequestStore();
  private final InMemoryErasurePlans plans = new InMemoryErasurePlans(requests);
  private final InMemoryProfiles profiles = new InMemoryProfiles();
  private final ScriptedSystems systems = new ScriptedSystems();
  private final List<OutgoingMail> sent = new ArrayList<>();
  private ScheduleRestrictionLift schedule;
  private LiftRestrictions lifts;
  private FollowUpRequests followUps;

  @BeforeEach
  void aCompletedRestriction() {
    schedule = new ScheduleRestrictionLift(POLICY, requests, sent::add, clock);
    lifts = new LiftRestrictions(POLICY, requests, plans, profiles, systems, clock);
    followUps = new FollowUpRequests(POLICY, requests, sent::add, null, (followUp, now) -> {
      throw new AssertionError("no processor follow-ups here");
    }, clock);
    EmailAddress email = EmailAddress.parse("berit.begransa@example.se").orElseThrow();
    profiles.profiles.put(SUBJECT, new Profile(SUBJECT, email, "Berit", null, new LinkedHashSet<>(List.of("K-18")),
        Set.of("webshop"), clock.instant(), clock.instant(), LocalDate.of(2033, 4, 3), Instant.parse("2033-04-03T00:00:00Z"), 1));
    profiles.restricted.add(SUBJECT);
    requests.put(new PrivacyRequest(ID, RequestType.RESTRICTION, Channel.WEB, RequestStatus.COMPLETED, "sv", email, SUBJECT,
        Instant.parse("2031-02-11T09:30:00Z"), LocalDate.of(2031, 3, 11), Optional.of(Instant.parse("2031-02-11T10:00:00Z")),
        List.of("form:restriction"), Optional.empty(), "", Instant.parse("2034-03-11T00:00:00Z")));
    List<String> reached = List.of("registry", "webshop", "crm", "newsletter");
    plans.create(ID, new Identifiers(SUBJECT, email, List.of("K-18"), List.of()), reached, AuditEvent.of(ID, clock.instant(), "restriction-planned"));
    reached.forEach(s -> plans.done(ID, s, Map.of(), AuditEvent.of(ID, clock.instant(), "erasure-task-done")));
  }

  @Test
  void thePersonIsToldFirstAndNothingIsLiftedBeforeTheNoticePeriodIsOver() {
    ScheduleRestrictionLift.Result result = schedule.announce(ID, "Utredningen av din invändning är klar.", TEAM);

    assertThat(result.outcome()).isEqualTo(ScheduleRestrictionLift.Outcome.SCHEDULED);
    assertThat(result.liftAt()).contains(Instant.parse("2031-04-17T08:00:00Z"));
    assertThat(sent).singleElement().satisfies(mail -> {
      assertThat(mail.kind()).isEqualTo("restriction-lift-notice");
      assertThat(mail.subject()).startsWith("Begränsningen av behandlingen av dina personuppgifter hävs / ");
      assertThat(mail.text()).contains("Den 11 februari 2031 bad du oss att begränsa", "hävas den 17 april 2031",
          "Utredningen av din invändning är klar.", "artikel 18.3", "Integritetsskyddsmyndigheten (IMY)",
          "On 11 February 2031 you asked", "lifted on 17 April 2031", "Article 21", "https://npprod.se/integritetspolicy");
      assertThat(mail.text().indexOf("Hej!")).isLessThan(mail.text().indexOf("Hello,"));
    });
    assertThat(requests.events(ID)).anySatisfy(e -> {
      assertThat(e.what()).isEqualTo("restriction-lift-notified");
      assertThat(e.details()).containsEntry("by", TEAM).containsEntry("liftAt", "2031-04-17T08:00:00Z");
    });
    assertThat(requests.events.toString()).as("the reason is the person's to read, not the log's")
        .doesNotContain("Utredningen");

    clock.advance(Period.ofDays(13));
    assertThat(lifts.run()).isEqualTo(new LiftRestrictions.Report(0, 0));
    clock.advance(Duration.ofHours(23));
    assertThat(lifts.run()).isEqualTo(new LiftRestrictions.Report(0, 0));
    assertThat(followUps.run().cleared()).as("the request follow-ups leave the lift alone").isZero();

    assertThat(systems.calls).isEmpty();
    assertThat(profiles.restricted).contains(SUBJECT);
  }

  @Test
  void afterTheNoticePeriodOurMarkGoesAndEverySystemToldToRestrictIsToldOnce() {
    schedule.announce(ID, "Skälet.", TEAM);
    clock.advance(Period.ofDays(14));
    clock.advance(Duration.ofMinutes(5));

    assertThat(lifts.run()).isEqualTo(new LiftRestrictions.Report(1, 0));
    assertThat(lifts.run()).as("done: not listed again").isEqualTo(new LiftRestrictions.Report(0, 0));

    assertThat(profiles.restricted).doesNotContain(SUBJECT);
    assertThat(systems.actions()).containsExactlyInAnyOrder("webshop:unrestrict", "crm:unrestrict", "newsletter:unrestrict");
    assertThat(requests.events(ID)).filteredOn(e -> e.what().equals("restriction-lifted")).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("systems", "registry,webshop,crm,newsletter"));
    assertThat(requests.followUps).isEmpty();
  }

  @Test
  void aSystemDownOnTheFirstRunIsAskedAgainOnTheNextAndTheOthersAreNotToldTwice() {
    schedule.announce(ID, "Skälet.", TEAM);
    systems.script("crm", ConnectorResult.retry("unreachable"));
    clock.advance(Period.ofDays(15));

    assertThat(lifts.run()).isEqualTo(new LiftRestrictions.Report(0, 1));
    assertThat(requests.events(ID)).filteredOn(e -> e.what().equals("restriction-lift-waiting")).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("systems", "crm").containsEntry("reasons", "unreachable"));
    assertThat(requests.events(ID)).noneMatch(e -> e.what().equals("restriction-lifted"));
    clock.advance(Duration.ofHours(1));
    assertThat(lifts.run()).isEqualTo(new LiftRestrictions.Report(1, 0));

    assertThat(systems.actions()).containsExactlyInAnyOrder("webshop:unrestrict", "crm:unrestrict", "newsletter:unrestrict",
        "crm:unrestrict");
    assertThat(requests.events(ID)).filteredOn(e -> e.what().equals("restriction-lifted")).hasSize(1);
  }

  @Test
  void aSystemFoundDownIsNotCalledAgainInTheSameRun() {
    String second = "begransbbbbbbbbbbbbbbbbbbb";
    PrivacyRequest first = requests.request(ID).orElseThrow();
    requests.put(new PrivacyRequest(second, first.type(), first.channel(), first.status(), first.language(), first.email(),
        first.subject(), first.receivedAt(), first.dueDate(), first.verifiedAt(), first.evidence(), first.reviewReason(),
        first.text(), first.expiresAt()));
    plans.create(second, plans.plan(ID).orElseThrow().identifiers(), List.of("crm"), AuditEvent.of(second, clock.instant(), "p"));
    plans.done(second, "crm", Map.of(), AuditEvent.of(second, clock.instant(), "d"));
    schedule.announce(ID, "Skälet.", TEAM);
    schedule.announce(second, "Skälet.", TEAM);
    systems.script("crm", ConnectorResult.retry("timeout"), ConnectorResult.retry("timeout"));
    clock.advance(Period.ofDays(15));

    assertThat(lifts.run()).isEqualTo(new LiftRestrictions.Report(0, 2));

    assertThat(systems.actions()).filteredOn(a -> a.startsWith("crm")).hasSize(1);
  }

  @Test
  void onlyACompletedRestrictionCanBeLiftedAndOnlyOnce() {
    PrivacyRequest r = requests.request(ID).orElseThrow();
    String open = "begransccccccccccccccccccc";
    requests.put(new PrivacyRequest(open, r.type(), r.channel(), RequestStatus.IN_PROGRESS, r.language(), r.email(),
        r.subject(), r.receivedAt(), r.dueDate(), r.verifiedAt(), r.evidence(), r.reviewReason(), r.text(), r.expiresAt()));

    assertThat(schedule.announce(open, "Skälet.", TEAM).outcome())
        .isEqualTo(ScheduleRestrictionLift.Outcome.NOT_A_COMPLETED_RESTRICTION);
    assertThat(schedule.announce("okandaaaaaaaaaaaaaaaaaaaaa", "Skälet.", TEAM).outcome())
        .isEqualTo(ScheduleRestrictionLift.Outcome.UNKNOWN);
    assertThat(schedule.announce(ID, "Skälet.", TEAM).outcome()).isEqualTo(ScheduleRestrictionLift.Outcome.SCHEDULED);
    clock.advance(Duration.ofDays(1));
    ScheduleRestrictionLift.Result again = schedule.announce(ID, "Ett annat skäl.", TEAM);

    assertThat(again.outcome()).isEqualTo(ScheduleRestrictionLift.Outcome.ALREADY_SCHEDULED);
    assertThat(again.liftAt()).contains(Instant.parse("2031-04-17T08:00:00Z"));
    assertThat(sent).as("one notice").hasSize(1);
  }
}
