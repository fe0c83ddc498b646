package se.npprod.privacy.core.erasure;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.FollowUpRequests;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.RequestType;

/**
 * Lifts the restrictions whose notice period is over ({@link ScheduleRestrictionLift}), run on the
 * follow-up schedule: our profile's mark is cleared and every system that was told {@code restrict}
 * is told {@code unrestrict}. Each system told is recorded on its task, so none is told twice; a
 * system that does not answer (or refuses) is asked again on the next run, the others are not, and
 * the follow-up stays until every one has been told. A system found down is not called again in
 * the same run, so one slow system cannot use up the function's time.
 */
public final class LiftRestrictions {
  /** What a run did: restrictions lifted in full, and those still waiting for a system. */
  public record Report(int lifted, int waiting) {}

  private final Policy policy;
  private final RequestStore requests;
  private final ErasurePlans plans;
  private final SubjectFlags flags;
  private final SystemEraser others;
  private final Clock clock;

  public LiftRestrictions(Policy policy, RequestStore requests, ErasurePlans plans, SubjectFlags flags,
      SystemEraser others, Clock clock) {
    this.policy = policy;
    this.requests = requests;
    this.plans = plans;
    this.flags = flags;
    this.others = others;
    this.clock = clock;
  }

  public Report run() {
    Instant now = clock.instant();
    LocalDate today = now.atZone(policy.timezone()).toLocalDate();
    Set<String> down = new HashSet<>();
    int lifted = 0;
    int waiting = 0;
    for (RequestStore.FollowUp f : requests.followUpsDue(today.minusDays(FollowUpRequests.DAYS_BACK), today)) {
      if (!f.what().equals(FollowUpRequests.RESTRICTION_LIFT) || f.at().isAfter(now)) {
        continue;
      }
      Optional<PrivacyRequest> request = requests.request(f.requestId());
      if (request.isEmpty() || request.get().type() != RequestType.RESTRICTION) {
        requests.followUpDone(f);
        continue;
      }
      if (lift(request.get(), f, down, now)) {
        lifted++;
      } else {
        waiting++;
      }
    }
    return new Report(lifted, waiting);
  }

  /** @return whether every system has now been told */
  private boolean lift(PrivacyRequest r, RequestStore.FollowUp f, Set<String> down, Instant now) {
    Optional<ErasurePlans.Plan> plan = plans.plan(r.id());
    Set<String> told = plans.lifted(r.id());
    Identifiers ids = plan.map(ErasurePlans.Plan::identifiers)
        .orElse(new Identifiers(r.subject(), r.email(), List.of(), List.of()));
    // The systems that were told to restrict; without a plan, our own profile is all there is.
    Set<String> restricted = plan.map(p -> p.tasks().stream().filter(t -> t.state() == ErasurePlans.TaskState.DONE)
        .map(ErasurePlans.Task::system).collect(Collectors.toSet())).orElse(Set.of());
    List<String> all = new ArrayList<>();
    Map<String, String> left = new LinkedHashMap<>();
    // In the data map's order; a system no longer in it has nothing to reach it by, and a processor by
    // mail is told by the privacy team, as it was told to restrict.
    for (Policy.DataSystem system : policy.systems()) {
      boolean reached = plan.isEmpty() ? system.erasure() == Policy.Erasure.table : restricted.contains(system.id());
      if (!reached || system.erasure() != Policy.Erasure.table && system.erasure() != Policy.Erasure.http) {
        continue;
      }
      all.add(system.id());
      if (told.contains(system.id())) {
        continue;
      }
      String reason = tell(system, r.id(), ids, down, now);
      if (reason == null) {
        plans.markLifted(r.id(), system.id(), now);
      } else {
        left.put(system.id(), reason);
      }
    }
    if (!left.isEmpty()) {
      if (requests.followUpReported(f, now)) {
        requests.audit(new AuditEvent(r.id(), now, "restriction-lift-waiting", Map.of(
            "systems", String.join(",", left.keySet()), "reasons", String.join(",", left.values()))));
      }
      return false;
    }
    // The audit event before the follow-up goes: a crash between writes it twice, never not at all.
    requests.audit(new AuditEvent(r.id(), now, "restriction-lifted", Map.of("systems", String.join(",", all))));
    requests.followUpDone(f);
    return true;
  }

  /** @return null when the system has been told, else why not */
  private String tell(Policy.DataSystem system, String requestId, Identifiers ids, Set<String> down, Instant now) {
    if (Boolean.TRUE.equals(system.paused())) {
      return "paused";
    }
    if (down.contains(system.id())) {
      return "unavailable";
    }
    ConnectorResult result = system.erasure() == Policy.Erasure.table ? flags.unrestrict(ids.subject(), now)
        : others.perform(system, "unrestrict", requestId, ids);
    if (result.outcome() == ConnectorResult.Outcome.DONE) {
      return null;
    }
    if (result.outcome() == ConnectorResult.Outcome.RETRY) {
      down.add(system.id());
    }
    return result.reason();
  }
}
