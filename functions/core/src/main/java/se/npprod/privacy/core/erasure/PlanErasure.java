package se.npprod.privacy.core.erasure;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Planning twice creates no second task, and resends only what is still pending. A rectification
 * is planned only once the privacy team has confirmed its corrected fields ({@link
 * ConfirmRectification}).
 */
public final class PlanErasure {
  public enum Outcome { PLANNED, SKIPPED }

  /** The rights this fan-out carries to every system: erasure, restriction, objection, rectification. */
  static final Set<RequestType> FANNED_OUT = EnumSet.of(RequestType.ERASURE, RequestType.RESTRICTION,
      RequestType.OBJECTION, RequestType.RECTIFICATION);

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
    if (found.isEmpty() || !FANNED_OUT.contains(found.get().type())) {
      return Outcome.SKIPPED;
    }
    PrivacyRequest r = found.get();
    Instant now = clock.instant();
    Optional<Map<String, String>> corrections = r.type() == RequestType.RECTIFICATION
        ? plans.corrections(requestId) : Optional.empty();
    if (r.type() == RequestType.RECTIFICATION && corrections.isEmpty()) {
      return Outcome.SKIPPED; // nothing confirmed to pass on yet
    }
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
        if (reaches(r.type(), system)) {
          systems.add(system.id());
        } else if (r.type() == RequestType.ERASURE || !"controller".equals(system.recipient())) {
          // Not reached by the system: the privacy team asks them, and the plan's audit event says which.
          byHand.add(system.id());
        }
      }
      Map<String, String> details = new LinkedHashMap<>(Map.of("systems", String.join(",", systems),
          "byHand", String.join(",", byHand)));
      corrections.ifPresent(c -> details.put("fields",
          String.join(",", CorrectedFields.names().stream().filter(c::containsKey).toList())));
      if (r.type() == RequestType.ERASURE) {
        plans.markErasing(r.subject(), requestId, now);
      }
      plans.create(requestId, ids, systems, new AuditEvent(requestId, now, r.type().wireName() + "-planned", details));
    }
    List<ErasureTask> pending = plans.plan(requestId).orElseThrow().tasks().stream()
        .filter(t -> t.state() == ErasurePlans.TaskState.PENDING)
        .map(t -> new ErasureTask(requestId, t.system())).toList();
    queue.send(pending);
    return Outcome.PLANNED;
  }

  /**
   * Which systems a right reaches. Erasure: every system with a connector. Restriction and
   * rectification: the systems we can reach by API (our table, the HTTP systems; the processors by
   * mail are told by the privacy team). Objection to profiling and direct marketing: our table and
   * the marketing recipients' systems.
   */
  static boolean reaches(RequestType type, Policy.DataSystem system) {
    return switch (type) {
      case ERASURE -> system.erasure() != Policy.Erasure.none;
      case RESTRICTION, RECTIFICATION -> system.erasure() == Policy.Erasure.table
          || system.erasure() == Policy.Erasure.http;
      case OBJECTION -> system.erasure() == Policy.Erasure.table
          || system.erasure() == Policy.Erasure.http && "marketing".equals(system.recipient());
      default -> false;
    };
  }
}
