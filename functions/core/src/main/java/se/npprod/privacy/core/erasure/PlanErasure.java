package se.npprod.privacy.core.erasure;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.subject.Profile;
import se.npprod.privacy.core.subject.SubjectRegistry;

/**
 * Turns a verified erasure request into one task per system of the data map, and puts them on the
 * erasure queue. The identifiers every system knows the person by are gathered first and kept with
 * the plan: once our own table has erased the profile, the others are still asked by them.
 * Planning twice creates no second task, and resends only what is still pending.
 */
public final class PlanErasure {
  public enum Outcome { PLANNED, SKIPPED }

  private final Policy policy;
  private final RequestStore requests;
  private final SubjectRegistry registry;
  private final ErasurePlans plans;
  private final ErasureQueue queue;
  private final Clock clock;

  public PlanErasure(Policy policy, RequestStore requests, SubjectRegistry registry, ErasurePlans plans,
      ErasureQueue queue, Clock clock) {
    this.policy = policy;
    this.requests = requests;
    this.registry = registry;
    this.plans = plans;
    this.queue = queue;
    this.clock = clock;
  }

  public Outcome plan(String requestId) {
    Optional<PrivacyRequest> found = requests.request(requestId);
    if (found.isEmpty() || found.get().type() != RequestType.ERASURE) {
      return Outcome.SKIPPED;
    }
    PrivacyRequest r = found.get();
    Instant now = clock.instant();
    if (r.status() == RequestStatus.VERIFIED) {
      requests.transition(requestId, RequestStatus.VERIFIED, RequestStatus.IN_PROGRESS, Optional.empty(),
          AuditEvent.of(requestId, now, "erasure-started"));
    } else if (r.status() != RequestStatus.IN_PROGRESS) {
      return Outcome.SKIPPED;
    }
    if (plans.plan(requestId).isEmpty()) {
      Optional<Profile> profile = registry.profile(r.subject());
      Identifiers ids = new Identifiers(r.subject(), r.email(),
          profile.map(p -> List.copyOf(p.customerNumbers())).orElse(List.of()),
          profile.map(Profile::phone).stream().filter(p -> p != null && !p.isBlank()).toList());
      List<String> systems = new ArrayList<>();
      List<String> byHand = new ArrayList<>();
      for (Policy.DataSystem system : policy.systems()) {
        switch (system.erasure()) {
          case table, http, email -> systems.add(system.id());
          // Not reached by the system: the privacy team asks them, and the plan's audit event says which.
          case none -> byHand.add(system.id());
        }
      }
      plans.create(requestId, ids, systems, new AuditEvent(requestId, now, "erasure-planned",
          Map.of("systems", String.join(",", systems), "byHand", String.join(",", byHand))));
    }
    List<ErasureTask> pending = plans.plan(requestId).orElseThrow().tasks().stream()
        .filter(t -> t.state() == ErasurePlans.TaskState.PENDING)
        .map(t -> new ErasureTask(requestId, t.system())).toList();
    queue.send(pending);
    return Outcome.PLANNED;
  }
}
