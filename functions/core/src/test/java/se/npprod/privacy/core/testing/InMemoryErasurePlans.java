package se.npprod.privacy.core.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.npprod.privacy.core.erasure.ErasurePlans;
import se.npprod.privacy.core.erasure.Identifiers;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestType;

/**
 * Test double of the erasure plans, with ErasureTable's conditions: a plan created once, a task moved
 * only from the state named, corrections taken only while the request is a VERIFIED rectification
 * (read from the request store it shares with), a system told of a lift once.
 */
public final class InMemoryErasurePlans implements ErasurePlans {
  private final InMemoryRequestStore requests;
  private final Map<String, Identifiers> identifiers = new HashMap<>();
  private final Map<String, Map<String, Task>> tasks = new HashMap<>();
  private final Map<String, Integer> done = new HashMap<>();
  private final Set<String> confirmed = new HashSet<>();
  private final Map<String, Map<String, String>> corrections = new HashMap<>();
  private final Map<String, Set<String>> lifted = new HashMap<>();
  public final List<String> tombstones = new ArrayList<>();

  public InMemoryErasurePlans(InMemoryRequestStore requests) {
    this.requests = requests;
  }

  @Override
  public boolean create(String requestId, Identifiers ids, List<String> systems, AuditEvent event) {
    if (identifiers.containsKey(requestId)) {
      return false;
    }
    identifiers.put(requestId, ids);
    Map<String, Task> planned = new LinkedHashMap<>();
    systems.forEach(s -> planned.put(s, new Task(requestId, s, TaskState.PENDING, 0, "", null)));
    tasks.put(requestId, planned);
    done.put(requestId, 0);
    requests.audit(event);
    return true;
  }

  @Override
  public Optional<Plan> plan(String requestId) {
    if (!identifiers.containsKey(requestId)) {
      return Optional.empty();
    }
    return Optional.of(new Plan(identifiers.get(requestId), List.copyOf(tasks.get(requestId).values()),
        done.get(requestId)));
  }

  @Override
  public boolean waiting(String requestId, String system, String tokenHash, Instant validUntil,
      List<se.npprod.privacy.core.request.RequestStore.FollowUp> followUps, AuditEvent event) {
    return move(requestId, system, TaskState.PENDING, TaskState.WAITING, "", event);
  }

  @Override
  public boolean addProcessorToken(String requestId, String system, String tokenHash, Instant validUntil,
      AuditEvent event) {
    return false;
  }

  @Override
  public Optional<ProcessorToken> processorToken(String tokenHash) {
    return Optional.empty();
  }

  @Override
  public boolean acknowledge(String requestId, String system, String by, Instant at) {
    Task t = tasks.get(requestId).get(system);
    if (t.state() != TaskState.WAITING || t.acknowledgedBy() != null) {
      return false;
    }
    tasks.get(requestId).put(system, new Task(requestId, system, t.state(), t.attempts(), t.reason(), by));
    return true;
  }

  @Override
  public boolean done(String requestId, String system, Map<String, Long> counts, AuditEvent event) {
    Task t = tasks.get(requestId).get(system);
    boolean may = t.state() == TaskState.PENDING || t.state() == TaskState.WAITING && t.acknowledgedBy() != null;
    if (!may) {
      return false;
    }
    tasks.get(requestId).put(system, new Task(requestId, system, TaskState.DONE, t.attempts(), t.reason(), t.acknowledgedBy()));
    done.merge(requestId, 1, Integer::sum);
    requests.audit(event);
    return true;
  }

  @Override
  public boolean failed(String requestId, String system, String reason, AuditEvent event) {
    return move(requestId, system, TaskState.PENDING, TaskState.FAILED, reason, event);
  }

  @Override
  public void attempted(String requestId, String system, String reason, Instant at) {
    Task t = tasks.get(requestId).get(system);
    if (t.state() == TaskState.PENDING) {
      tasks.get(requestId).put(system, new Task(requestId, system, t.state(), t.attempts() + 1, reason, null));
    }
  }

  @Override
  public boolean confirmationMailed(String requestId) {
    return confirmed.contains(requestId);
  }

  @Override
  public void markConfirmationMailed(String requestId, Instant at) {
    confirmed.add(requestId);
  }

  @Override
  public void tombstone(String subject, String requestId, List<String> systems, Instant at) {
    tombstones.add(subject);
  }

  @Override
  public boolean correct(String requestId, Map<String, String> fields, AuditEvent event) {
    Optional<PrivacyRequest> r = requests.request(requestId);
    if (r.isEmpty() || r.get().type() != RequestType.RECTIFICATION || r.get().status() != RequestStatus.VERIFIED) {
      return false;
    }
    corrections.put(requestId, Map.copyOf(fields)); // no order, as DynamoDB keeps a map
    requests.audit(event);
    return true;
  }

  @Override
  public Optional<Map<String, String>> corrections(String requestId) {
    return Optional.ofNullable(corrections.get(requestId));
  }

  @Override
  public boolean markLifted(String requestId, String system, Instant at) {
    return lifted.computeIfAbsent(requestId, k -> new HashSet<>()).add(system);
  }

  @Override
  public Set<String> lifted(String requestId) {
    return Set.copyOf(lifted.getOrDefault(requestId, Set.of()));
  }

  private boolean move(String requestId, String system, TaskState from, TaskState to, String reason, AuditEvent event) {
    Task t = tasks.get(requestId).get(system);
    if (t.state() != from) {
      return false;
    }
    tasks.get(requestId).put(system, new Task(requestId, system, to, t.attempts(), reason, t.acknowledgedBy()));
    requests.audit(event);
    return true;
  }

  @Override
  public void markErasing(String subject, String requestId, Instant at) {
  }
}
