package se.npprod.privacy.core.erasure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.npprod.privacy.core.extract.SystemData;
import se.npprod.privacy.core.extract.SystemExports;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.Outbox;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.core.request.VerificationToken;
import se.npprod.privacy.core.subject.EmailAddress;

/**
 * One system's part of an erasure. The task moves only forward and only by conditional writes: a
 * message delivered twice finds the task done and calls nothing. A crash between the call and the
 * write repeats the call, which the connector contract requires systems to take (idempotent).
 * When the last task is done, the request completes exactly once (a conditional move to
 * COMPLETED), the tombstone is written and the person is told what was erased and what was kept.
 */
public final class RunErasureTask {
  public enum Outcome { DONE, COMPLETED, RETRY, FAILED, WAITING, SKIPPED }

  /** How long a processor's confirmation link works: well past the target, for a late confirmation. */
  static final Duration PROCESSOR_LINK_VALID_FOR = Duration.ofDays(30);

  private final Policy policy;
  private final RequestStore requests;
  private final ErasurePlans plans;
  private final SubjectEraser ownTable;
  private final SubjectFlags flags;
  private final SystemEraser others;
  private final SystemExports exports;
  private final Outbox outbox;
  private final ErasureMails mails;
  private final ProcessorMails processorMails;
  private final ProcessorContacts contacts;
  private final VerificationLinks links;
  private final Clock clock;

  /** @param exports asks a system what it still holds, after it says it has erased (the proof) */
  public RunErasureTask(Policy policy, RequestStore requests, ErasurePlans plans, SubjectEraser ownTable,
      SubjectFlags flags, SystemEraser others, SystemExports exports, ProcessorContacts contacts,
      VerificationLinks links, Outbox outbox, Clock clock) {
    this.exports = exports;
    this.flags = flags;
    this.contacts = contacts;
    this.links = links;
    this.processorMails = new ProcessorMails(policy);
    this.policy = policy;
    this.requests = requests;
    this.plans = plans;
    this.ownTable = ownTable;
    this.others = others;
    this.outbox = outbox;
    this.mails = new ErasureMails(policy);
    this.clock = clock;
  }

  public Outcome run(ErasureTask task) {
    Optional<ErasurePlans.Plan> plan = plans.plan(task.requestId());
    Optional<ErasurePlans.Task> mine = plan.flatMap(p -> p.tasks().stream()
        .filter(t -> t.system().equals(task.system())).findFirst());
    if (mine.isEmpty()) {
      return Outcome.SKIPPED;
    }
    if (mine.get().state() == ErasurePlans.TaskState.WAITING) {
      // A processor asked by mail: done once it has confirmed (its link puts the task back here).
      if (mine.get().acknowledgedBy() == null || !plans.done(task.requestId(), task.system(),
          Map.of(), event(task, clock.instant(), "erasure-task-done", "acknowledged"))) {
        return Outcome.WAITING;
      }
      return finish(task.requestId(), plans.plan(task.requestId()).orElseThrow()) ? Outcome.COMPLETED : Outcome.DONE;
    }
    if (mine.get().state() != ErasurePlans.TaskState.PENDING) {
      // Delivered again: nothing to call; but finish a completion a crash may have cut short.
      return finish(task.requestId(), plan.get()) ? Outcome.COMPLETED : Outcome.SKIPPED;
    }
    Policy.DataSystem system = policy.systems().stream().filter(s -> s.id().equals(task.system())).findFirst()
        .orElse(null);
    Instant now = clock.instant();
    if (system == null) {
      plans.failed(task.requestId(), task.system(), "not-in-data-map", event(task, now, "erasure-task-failed", "not-in-data-map"));
      return Outcome.FAILED;
    }
    if (Boolean.TRUE.equals(system.paused())) {
      // Held in an emergency (policy: paused): the task waits and shows why; nothing fails.
      plans.attempted(task.requestId(), task.system(), "paused", now);
      return Outcome.RETRY;
    }
    Identifiers ids = plan.get().identifiers();
    RequestType type = requests.request(task.requestId())
        .map(PrivacyRequest::type).orElse(RequestType.ERASURE);
    ConnectorResult result = switch (type) {
      case RESTRICTION -> system.erasure() == Policy.Erasure.table ? flags.restrict(ids.subject(), now)
          : others.perform(system, "restrict", task.requestId(), ids);
      case OBJECTION -> system.erasure() == Policy.Erasure.table ? flags.object(ids.subject(), now)
          : others.perform(system, "object", task.requestId(), ids);
      case RECTIFICATION -> rectify(system, task.requestId(), ids, now);
      default -> switch (system.erasure()) {
        case table -> ownTable.erase(ids.subject(), now);
        case email -> ask(system, task.requestId(), ids, now);
        default -> proven(system, task.requestId(), ids, others.erase(system, task.requestId(), ids));
      };
    };
    switch (result.outcome()) {
      case WAITING -> {
        return Outcome.WAITING;
      }
      case RETRY -> {
        plans.attempted(task.requestId(), task.system(), result.reason(), now);
        return Outcome.RETRY;
      }
      case FAILED -> {
        plans.failed(task.requestId(), task.system(), result.reason(),
            event(task, now, "erasure-task-failed", result.reason()));
        return Outcome.FAILED;
      }
      default -> {
        if (!plans.done(task.requestId(), task.system(), result.counts(), event(task, now, "erasure-task-done", "done"))) {
          return Outcome.SKIPPED;
        }
        return finish(task.requestId(), plans.plan(task.requestId()).orElseThrow()) ? Outcome.COMPLETED : Outcome.DONE;
      }
    }
  }

  /**
   * A processor without an API: the task waits (WAITING) with a link's token recorded and its
   * reminder and escalation scheduled (one write, so no waiting task is left without them), then its
   * contact is asked by mail. A crash between the write and the mail leaves a task nobody was asked
   * about: the reminder then asks, and the escalation brings it to a person before the target.
   */
  private ConnectorResult ask(Policy.DataSystem system, String requestId, Identifiers ids, Instant now) {
    Optional<EmailAddress> contact = contacts.contact(system.id());
    if (contact.isEmpty()) {
      return ConnectorResult.retry("not-configured");
    }
    VerificationToken token = VerificationToken.generate();
    Instant target = FollowUpProcessors.target(policy, requests.request(requestId), now);
    if (!plans.waiting(requestId, system.id(), token.hash(), now.plus(PROCESSOR_LINK_VALID_FOR),
        FollowUpProcessors.scheduled(policy, requestId, system.id(), target, now),
        new AuditEvent(requestId, now, "processor-asked", Map.of("system", system.id())))) {
      return ConnectorResult.waiting("asked-before");
    }
    outbox.send(processorMails.request(system, contact.get(), requestId, ids, links.processor(token), target));
    return ConnectorResult.waiting("asked");
  }

  /** The corrected fields, as the privacy team confirmed them, to our table or to a system by API. */
  private ConnectorResult rectify(Policy.DataSystem system, String requestId, Identifiers ids, Instant now) {
    Optional<Map<String, String>> fields = plans.corrections(requestId);
    if (fields.isEmpty()) {
      return ConnectorResult.failed("no-corrections"); // planned without them: a person must look
    }
    return system.erasure() == Policy.Erasure.table ? flags.rectify(ids.subject(), fields.get(), requestId, now)
        : others.rectify(system, requestId, ids, fields.get());
  }

  /**
   * A system's "erased" is taken as done only when an export made after it comes back empty, or
   * holding only what bookkeeping law keeps: a 2xx alone proves nothing. Not yet empty (a system
   * that erases in the background) or not answering: asked again later, the erasure call too, which
   * the contract makes harmless.
   */
  private ConnectorResult proven(Policy.DataSystem system, String requestId, Identifiers ids, ConnectorResult erased) {
    if (erased.outcome() != ConnectorResult.Outcome.DONE || system.export() != Policy.Export.http) {
      return erased;
    }
    SystemData after = exports.export(system,
        new SystemExports.Query(requestId, ids.email(), ids.customerNumbers()));
    if (after.status() != SystemData.Status.ANSWERED) {
      return ConnectorResult.retry("proof-unavailable");
    }
    Set<String> kept = new HashSet<>(policy.retention().bookkeeping().fields());
    kept.addAll(List.of("restricted", "restrictedAt", "deletableFrom"));
    boolean onlyKept = after.items().stream().allMatch(i -> "invoices".equals(i.category())
        && kept.containsAll(i.fields().keySet()));
    if (!onlyKept) {
      return ConnectorResult.retry("still-holds-data");
    }
    Map<String, Long> counts = new HashMap<>(erased.counts());
    counts.put("keptAfterProof", (long) after.items().size());
    return ConnectorResult.done(counts);
  }

  /**
   * When every task is done: COMPLETED once, then the tombstone and the mail (resumed if cut short).
   * True when this call completed the request or finished a completion cut short; false when there
   * is nothing to do (tasks still open, or completed and confirmed before).
   */
  private boolean finish(String requestId, ErasurePlans.Plan plan) {
    if (plan.done() < plan.tasks().size()) {
      return false;
    }
    Instant now = clock.instant();
    PrivacyRequest request = requests.request(requestId).orElseThrow();
    List<String> systems = plan.tasks().stream().map(ErasurePlans.Task::system).toList();
    boolean erasure = request.type() == RequestType.ERASURE;
    if (request.status() == RequestStatus.IN_PROGRESS) {
      if (erasure) {
        // The tombstone first: it must exist before anyone can see the request as completed.
        plans.tombstone(request.subject(), requestId, systems, now);
      }
      if (!requests.transition(requestId, RequestStatus.IN_PROGRESS, RequestStatus.COMPLETED, Optional.empty(),
          new AuditEvent(requestId, now, request.type().wireName() + "-completed",
              Map.of("systems", String.join(",", systems))))) {
        return false;
      }
    } else if (request.status() != RequestStatus.COMPLETED || plans.confirmationMailed(requestId)) {
      return false;
    }
    if (request.channel() != Channel.RETENTION) {
      // The 24-month rule's erasure was asked by nobody: the tombstone is its record, not a mail.
      outbox.send(erasure ? mails.erased(request, plan)
          : request.type() == RequestType.RECTIFICATION
              ? mails.rectified(request, plan, plans.corrections(requestId).map(Map::keySet).orElse(Set.of()))
              : mails.passedOn(request, plan));
    }
    plans.markConfirmationMailed(requestId, now);
    return true;
  }

  private static AuditEvent event(ErasureTask task, Instant now, String what, String reason) {
    return new AuditEvent(task.requestId(), now, what, Map.of("system", task.system(), "reason", reason));
  }
}
