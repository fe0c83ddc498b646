package se.npprod.privacy.core.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.FollowUpRequests;
import se.npprod.privacy.core.request.OutgoingMail;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.core.request.VerificationToken;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.testing.MutableClock;
import se.npprod.privacy.core.testing.Policies;

/**
 * A processor asked by mail to erase, on its clock: asked with a reminder and an escalation
 * scheduled, reminded once with a fresh link, the privacy team told once in codes only, and nothing
 * for a processor that has confirmed. In memory: the request store and the plans as the tables keep
 * them, a mail list as the outbox.
 */
class FollowUpProcessorsTest {
  private static final Policy POLICY = Policies.seed();
  private static final Pattern LINK = Pattern.compile("/processors/confirm\\?token=([A-Za-z0-9_-]{43})");
  private static final String ID = "rq7xkpm2a4b5c6d7e8f2g3h4j5";
  private static final Instant VERIFIED = Instant.parse("2031-03-02T08:00:00Z");
  /** 24 hours after the confirmation: 3 March 2031, 09.00 in Stockholm. */
  private static final Instant TARGET = VERIFIED.plus(Duration.ofHours(24));
  private static final EmailAddress LOGISTICS = EmailAddress.parse("integritet@logistik.example").orElseThrow();
  private static final EmailAddress TEAM = EmailAddress.parse("integritetsteamet@team.example").orElseThrow();
  private static final Identifiers IDS = new Identifiers("subject-1", EmailAddress.parse("rut@example.se").orElseThrow(),
      List.of("K-7001"), List.of("+46 70 222 33 44"));

  private final Requests requests = new Requests();
  private final Plans plans = new Plans(requests);
  private final List<OutgoingMail> sent = new ArrayList<>();
  private final Map<String, EmailAddress> contacts = new HashMap<>(Map.of("logistics", LOGISTICS));
  private MutableClock clock;
  private RunErasureTask run;
  private FollowUpRequests followUps;

  @BeforeEach
  void wire() {
    clock = new MutableClock(VERIFIED.plus(Duration.ofMinutes(5)));
    VerificationLinks links = VerificationLinks.under("https://api.npprod.example");
    ProcessorContacts contactsPort = system -> Optional.ofNullable(contacts.get(system));
    // Only the processor's connector is reached here: the other systems' ports are never called.
    run = new RunErasureTask(POLICY, requests, plans, (subject, now) -> { throw new AssertionError("own table"); },
        null, null, (system, query) -> { throw new AssertionError("export"); }, contactsPort, links, sent::add, clock);
    followUps = new FollowUpRequests(POLICY, requests, sent::add, links,
        new FollowUpProcessors(POLICY, requests, plans, contactsPort, links, sent::add, TEAM), clock);
    requests.requests.put(ID, new PrivacyRequest(ID, RequestType.ERASURE, Channel.WEB, RequestStatus.IN_PROGRESS, "sv",
        IDS.email(), IDS.subject(), VERIFIED.minus(Duration.ofHours(1)), LocalDate.of(2031, 4, 2), Optional.of(VERIFIED),
        List.of("form:erasure"), Optional.empty(), "", VERIFIED.plus(Duration.ofDays(1100))));
    plans.tasks.put("logistics", new ErasurePlans.Task(ID, "logistics", ErasurePlans.TaskState.PENDING, 0, "", null));
  }

  private List<OutgoingMail> mailsTo(EmailAddress to) {
    return sent.stream().filter(m -> m.to().equals(to)).toList();
  }

  private static String token(OutgoingMail mail) {
    Matcher m = LINK.matcher(mail.text());
    assertThat(m.find()).as("the mail carries a confirmation link").isTrue();
    return m.group(1);
  }

  private void askLogistics() {
    assertThat(run.run(new ErasureTask(ID, "logistics"))).isEqualTo(RunErasureTask.Outcome.WAITING);
  }

  private FollowUpRequests.Report at(Instant when) {
    clock.advance(Duration.between(clock.instant(), when));
    return followUps.run();
  }

  @Test
  void askingAProcessorSchedulesItsReminderAndEscalationTwelveAndFourHoursBeforeTheTarget() {
    askLogistics();

    assertThat(requests.followUps).containsExactlyInAnyOrder(
        new RequestStore.FollowUp(ID, "processor-remind#logistics", TARGET.minus(Duration.ofHours(12))),
        new RequestStore.FollowUp(ID, "processor-escalate#logistics", TARGET.minus(Duration.ofHours(4))));
    assertThat(mailsTo(LOGISTICS)).hasSize(1);
  }

  @Test
  void aProcessorAskedWithLessThanTwelveHoursLeftIsNotRemindedButTheTeamStillHears() {
    clock.advance(Duration.ofHours(13));

    askLogistics();

    assertThat(requests.followUps).extracting(RequestStore.FollowUp::what).containsExactly("processor-escalate#logistics");
  }

  @Test
  void anUnconfirmedProcessorIsRemindedOnceWithAFreshLinkAndTheDeadlineSpeltOut() {
    askLogistics();
    String first = token(mailsTo(LOGISTICS).get(0));

    assertThat(at(TARGET.minus(Duration.ofHours(12)).minusSeconds(1)).processorReminders()).as("not before its time")
        .isZero();
    FollowUpRequests.Report report = at(TARGET.minus(Duration.ofHours(12)));
    FollowUpRequests.Report again = at(TARGET.minus(Duration.ofHours(11)));

    assertThat(report.processorReminders()).isEqualTo(1);
    assertThat(again.processorReminders()).isZero();
    assertThat(mailsTo(LOGISTICS)).hasSize(2);
    OutgoingMail reminder = mailsTo(LOGISTICS).get(1);
    assertThat(reminder.subject()).startsWith("Påminnelse: begäran om radering av personuppgifter / Reminder:");
    assertThat(reminder.kind()).isEqualTo("processor-reminder");
    assertThat(reminder.text()).contains("rut@example.se", "K-7001", "+46 70 222 33 44", "NP-RQ7XKPM2",
        "Tidsfristen går ut kl. 09.00 den 3 mars 2031 (svensk tid)",
        "The deadline is at 09:00 on 3 March 2031 (Swedish time)");
    assertThat(reminder.text().indexOf("Hej!")).as("Swedish first").isLessThan(reminder.text().indexOf("Hello,"));
    String second = token(reminder);
    assertThat(second).isNotEqualTo(first);
    assertThat(plans.processorToken(VerificationToken.hash(first))).isPresent();
    assertThat(plans.processorToken(VerificationToken.hash(second))).contains(new ErasurePlans.ProcessorToken(ID, "logistics"));
    assertThat(requests.events).extracting(AuditEvent::what).containsOnlyOnce("processor-reminded");
  }

  @Test
  void thePrivacyTeamIsToldOnceInCodesOnlyWhenFourHoursRemain() {
    askLogistics();
    at(TARGET.minus(Duration.ofHours(12)));

    FollowUpRequests.Report report = at(TARGET.minus(Duration.ofHours(4)));
    FollowUpRequests.Report again = at(TARGET.minus(Duration.ofHours(3)));

    assertThat(report.escalations()).isEqualTo(1);
    assertThat(again.escalations()).isZero();
    assertThat(mailsTo(TEAM)).singleElement().satisfies(m -> {
      assertThat(m.kind()).isEqualTo("processor-escalation");
      assertThat(m.text()).contains("logistics", "NP-RQ7XKPM2", ID, "kl. 09.00 den 3 mars 2031", "at 09:00 on 3 March 2031")
          .doesNotContain("rut@example.se", "K-7001", "+46");
      assertThat(m.subject()).doesNotContain("rut@example.se");
    });
    assertThat(requests.events).filteredOn(e -> e.what().equals("processor-escalated")).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("system", "logistics")
            .containsEntry("target", TARGET.toString()));
    assertThat(requests.followUps).isEmpty();
  }

  @Test
  void aProcessorThatConfirmedIsNeitherRemindedNorEscalatedAndItsFollowUpsAreCleared() {
    askLogistics();
    plans.acknowledge(ID, "logistics", "Lena Logistik", clock.instant());

    FollowUpRequests.Report report = at(TARGET);

    assertThat(report.processorReminders()).isZero();
    assertThat(report.escalations()).isZero();
    assertThat(report.cleared()).isEqualTo(2);
    assertThat(mailsTo(LOGISTICS)).hasSize(1);
    assertThat(mailsTo(TEAM)).isEmpty();
    assertThat(requests.followUps).isEmpty();
  }

  @Test
  void aReminderWithNobodyToRemindWaitsForTheContactWhileTheEscalationGoesOnTime() {
    askLogistics();
    contacts.clear();

    FollowUpRequests.Report withoutContact = at(TARGET.minus(Duration.ofHours(4)));
    contacts.put("logistics", LOGISTICS);
    FollowUpRequests.Report withContact = at(TARGET.minus(Duration.ofHours(3)));

    assertThat(withoutContact.processorReminders()).isZero();
    assertThat(withoutContact.escalations()).isEqualTo(1);
    assertThat(withContact.processorReminders()).isEqualTo(1);
    assertThat(mailsTo(LOGISTICS)).hasSize(2);
  }

  @Test
  void theIntakeAddressIsRefusedAsThePrivacyTeamsSoAnEscalationCannotComeBackInAsARequest() {
    EmailAddress intake = EmailAddress.parse(POLICY.controller().contactEmail()).orElseThrow();

    assertThatThrownBy(() -> new FollowUpProcessors(POLICY, requests, plans, s -> Optional.of(LOGISTICS),
        VerificationLinks.under("https://api.npprod.example"), sent::add, intake))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intake");
  }

  /** The request store as far as these use cases reach it: requests, follow-ups by day, audit events. */
  private static final class Requests implements RequestStore {
    final Map<String, PrivacyRequest> requests = new HashMap<>();
    final List<FollowUp> followUps = new ArrayList<>();
    final List<AuditEvent> events = new ArrayList<>();

    @Override
    public List<FollowUp> followUpsDue(LocalDate from, LocalDate through) {
      return followUps.stream().filter(f -> {
        LocalDate day = f.at().atZone(POLICY.timezone()).toLocalDate();
        return !day.isBefore(from) && !day.isAfter(through);
      }).toList();
    }

    @Override
    public void followUpDone(FollowUp followUp) {
      followUps.remove(followUp);
    }

    @Override
    public boolean followUpReported(FollowUp followUp, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<PrivacyRequest> request(String id) {
      return Optional.ofNullable(requests.get(id));
    }

    @Override
    public Optional<String> requestByMessage(String messageKey) {
      return Optional.empty();
    }

    @Override
    public boolean scheduleRestrictionLift(String requestId, FollowUp lift, AuditEvent event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Instant> restrictionLift(String requestId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void audit(AuditEvent event) {
      events.add(event);
    }

    @Override
    public Creation create(PrivacyRequest request, Optional<TokenRecord> token, Optional<String> messageKey,
        Optional<String> openSlotOf, List<FollowUp> followUps, AuditEvent event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void releaseOpenSlot(String subject, RequestType type, String requestId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean markJoined(String messageKey, String requestId, AuditEvent event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void addToken(TokenRecord token, AuditEvent event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TokenRecord> token(String hash) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean verify(TokenRecord token, Instant now, Instant keepUntil, Optional<Instant> policyTarget,
        AuditEvent event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void markMailed(String requestId, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean mailed(String requestId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean takeMailAllowance(String subject, String day, int limit, Instant expiresAt) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean takeFormAllowance(String network, String hour, int limit, Instant expiresAt) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean transition(String requestId, RequestStatus from, RequestStatus to, Optional<String> reason,
        AuditEvent event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean extendDueDate(String requestId, LocalDate extended, AuditEvent event) {
      throw new UnsupportedOperationException();
    }
  }

  /** One plan (the request's), its tasks by system and the processors' tokens, with the tables' conditions. */
  private static final class Plans implements ErasurePlans {
    final Map<String, Task> tasks = new HashMap<>();
    final Map<String, ProcessorToken> tokens = new HashMap<>();
    private final Requests requests;

    Plans(Requests requests) {
      this.requests = requests;
    }

    @Override
    public Optional<Plan> plan(String requestId) {
      return Optional.of(new Plan(IDS, List.copyOf(tasks.values()),
          (int) tasks.values().stream().filter(t -> t.state() == TaskState.DONE).count()));
    }

    @Override
    public boolean waiting(String requestId, String system, String tokenHash, Instant validUntil,
        List<RequestStore.FollowUp> followUps, AuditEvent event) {
      if (tasks.get(system).state() != TaskState.PENDING) {
        return false;
      }
      tasks.put(system, new Task(requestId, system, TaskState.WAITING, 0, "", null));
      tokens.put(tokenHash, new ProcessorToken(requestId, system));
      requests.followUps.addAll(followUps);
      requests.events.add(event);
      return true;
    }

    @Override
    public boolean addProcessorToken(String requestId, String system, String tokenHash, Instant validUntil,
        AuditEvent event) {
      Task t = tasks.get(system);
      if (t.state() != TaskState.WAITING || t.acknowledgedBy() != null) {
        return false;
      }
      tokens.put(tokenHash, new ProcessorToken(requestId, system));
      requests.events.add(event);
      return true;
    }

    @Override
    public Optional<ProcessorToken> processorToken(String tokenHash) {
      return Optional.ofNullable(tokens.get(tokenHash));
    }

    @Override
    public boolean acknowledge(String requestId, String system, String by, Instant at) {
      Task t = tasks.get(system);
      if (t.state() != TaskState.WAITING || t.acknowledgedBy() != null) {
        return false;
      }
      tasks.put(system, new Task(requestId, system, TaskState.WAITING, 0, "", by));
      return true;
    }

    @Override
    public boolean create(String requestId, Identifiers identifiers, List<String> systems, AuditEvent event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean done(String requestId, String system, Map<String, Long> counts, AuditEvent event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean failed(String requestId, String system, String reason, AuditEvent event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void attempted(String requestId, String system, String reason, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean confirmationMailed(String requestId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void markConfirmationMailed(String requestId, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void tombstone(String subject, String requestId, List<String> systems, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean correct(String requestId, Map<String, String> fields, AuditEvent event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Map<String, String>> corrections(String requestId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean markLifted(String requestId, String system, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.util.Set<String> lifted(String requestId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void markErasing(String subject, String requestId, Instant at) {
      throw new UnsupportedOperationException();
    }
  }
}
