package se.npprod.privacy.core.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import se.npprod.privacy.core.erasure.ErasureQueue;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.FollowUpRequests;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.request.SubmitRequest;
import se.npprod.privacy.core.request.VerificationToken;
import se.npprod.privacy.core.subject.Profile;
import se.npprod.privacy.core.subject.SubjectRegistry;

/**
 * The 24-month rule (policy §5), run once a day: everything the "due" index lists for a day up to
 * today is dealt with. A person whose 24 months since the last order or support contact are over
 * is erased through the same fan-out as a requested erasure (a request of channel RETENTION, so
 * the plan, the tasks, the proof and the tombstone are the same), unless a legal hold keeps them;
 * an invoice whose bookkeeping period is over is deleted; tokens, consent decisions and closed
 * requests' records past their keep-periods are deleted. DynamoDB's TTL encodes the same
 * deadlines, but only as the backstop: it deletes days late and reaches no other system.
 *
 * <p>Safe to run twice: a finished day is not scanned again, a person already being erased is
 * recognised by the retention request's key (the subject and the deadline), and a run cut off (the
 * Lambda timeout) leaves a checkpoint, after every page, from which the next invocation goes on. A
 * dry run reads the same and reports the same, and changes nothing.
 */
public final class RetentionScan {
  /** Index entries read per page: small enough that a page's work fits well inside a minute. */
  static final int PAGE = 100;
  /** Days before the last finished run that a run looks at again, for entries a day left behind. */
  static final int LOOKBACK_DAYS = 7;

  /** What a run did (or, dry, would do). {@code finished} false: cut off, to be continued. */
  public record Report(LocalDate day, boolean dryRun, boolean finished, boolean alreadyDone, int entriesRead,
      int subjectsDue, int erasuresEnqueued, int alreadyErasing, int holdsSkipped, int invoicesDeleted,
      int itemsDeleted) {}

  private final Policy policy;
  private final RetentionStore store;
  private final SubjectRegistry registry;
  private final RequestStore requests;
  private final ErasureQueue queue;
  private final Clock clock;

  public RetentionScan(Policy policy, RetentionStore store, SubjectRegistry registry, RequestStore requests,
      ErasureQueue queue, Clock clock) {
    this.policy = policy;
    this.store = store;
    this.registry = registry;
    this.requests = requests;
    this.queue = queue;
    this.clock = clock;
  }

  /**
   * @param today the day to act for (the scheduler's day in the policy's zone)
   * @param dryRun read and report only
   * @param timeLeft asked before each page: false stops the run where it is (the checkpoint says where)
   */
  public Report run(LocalDate today, boolean dryRun, BooleanSupplier timeLeft) {
    Optional<RetentionStore.Checkpoint> saved = store.checkpoint();
    Optional<LocalDate> lastFinished = saved.flatMap(RetentionStore.Checkpoint::lastFinished);
    boolean sameDay = saved.map(c -> c.runDay().equals(today)).orElse(false);
    if (!dryRun && sameDay && saved.get().finished()) {
      return new Report(today, false, true, true, 0, 0, 0, 0, 0, 0, 0);
    }
    LocalDate day;
    Optional<String> cursor;
    if (!dryRun && sameDay) {
      day = saved.get().day();
      cursor = saved.get().cursor();
    } else {
      day = firstDay(today, lastFinished);
      cursor = Optional.empty();
    }
    Counts counts = new Counts();
    while (!day.isAfter(today)) {
      if (!timeLeft.getAsBoolean()) {
        return counts.report(today, dryRun, false);
      }
      RetentionStore.Page page = store.due(day, cursor, PAGE);
      counts.entriesRead += page.entries().size();
      for (DueEntry entry : page.entries()) {
        act(entry, today, dryRun, counts);
      }
      cursor = page.cursor();
      if (cursor.isEmpty()) {
        day = day.plusDays(1);
      }
      if (!dryRun) {
        store.saveCheckpoint(new RetentionStore.Checkpoint(today, day.isAfter(today) ? today : day, cursor,
            day.isAfter(today), day.isAfter(today) ? Optional.of(today) : lastFinished));
      }
    }
    return counts.report(today, dryRun, true);
  }

  /**
   * Where a new day's run starts: a few days back (entries a run could not act on yet stay listed),
   * or further, to the last finished run, when runs were missed. Nothing is listed on a day already
   * past when it was written (an old order recorded late goes on today), so the first run ever
   * needs no more than the few days either.
   */
  private static LocalDate firstDay(LocalDate today, Optional<LocalDate> lastFinished) {
    LocalDate recent = today.minusDays(LOOKBACK_DAYS);
    return lastFinished.filter(l -> l.isBefore(recent)).orElse(recent);
  }

  private void act(DueEntry entry, LocalDate today, boolean dryRun, Counts counts) {
    switch (entry.kind()) {
      case SUBJECT -> subject(entry.pk().substring(2), today, dryRun, counts);
      case INVOICE -> {
        if (dryRun) {
          counts.invoicesDeleted++;
        } else if (store.expireInvoice(entry.pk(), entry.sk(), today) == RetentionStore.InvoiceOutcome.DELETED) {
          counts.invoicesDeleted++;
          counts.itemsDeleted++;
        }
      }
      default -> {
        if (!dryRun) {
          counts.itemsDeleted += store.deleteExpired(entry, clock.instant());
        }
      }
    }
  }

  private void subject(String subject, LocalDate today, boolean dryRun, Counts counts) {
    Optional<Profile> profile = registry.profile(subject);
    if (profile.isEmpty() || profile.get().deadline().isAfter(today)) {
      // Erased meanwhile, or a new order moved the deadline after the index was read.
      return;
    }
    Instant now = clock.instant();
    Optional<Hold> hold = store.hold(subject).filter(h -> h.holdsOn(today));
    if (hold.isPresent()) {
      counts.holdsSkipped++;
      if (!dryRun) {
        LocalDate after = hold.get().until().plusDays(1);
        store.defer(subject, after, after.plusDays(1).atStartOfDay(policy.timezone()).toInstant());
        store.note(today, now, "retention-held", Map.of("subject", subject, "until", hold.get().until().toString()));
      }
      return;
    }
    counts.subjectsDue++;
    LocalDate deadline = profile.get().deadline();
    String key = retentionKey(subject, deadline);
    Optional<PrivacyRequest> started = requests.requestByMessage(key).flatMap(requests::request);
    if (started.isPresent()) {
      // Started by an earlier run: planned already, unless that run stopped right after creating it.
      if (started.get().status() == RequestStatus.VERIFIED) {
        counts.erasuresEnqueued++;
        if (!dryRun) {
          queue.plan(started.get().id());
        }
      } else {
        counts.alreadyErasing++;
      }
      return;
    }
    counts.erasuresEnqueued++;
    if (dryRun) {
      return;
    }
    PrivacyRequest request = new PrivacyRequest(SubmitRequest.newId(), RequestType.ERASURE, Channel.RETENTION,
        RequestStatus.VERIFIED, "sv", profile.get().email(), subject, now, today, Optional.of(now),
        List.of("retention:" + policy.retention().afterLastActivity()), Optional.empty(), "",
        now.atZone(policy.timezone()).plus(policy.requests().keepClosedFor()).toInstant());
    RequestStore.Creation created = requests.create(request, Optional.empty(), Optional.of(key), Optional.empty(),
        List.of(new RequestStore.FollowUp(request.id(), FollowUpRequests.OVERDUE,
            now.plus(policy.retention().erasureDeadline()))),
        new AuditEvent(request.id(), now, "retention-due", Map.of("reason", "retention", "deadline", deadline.toString())));
    String id = created instanceof RequestStore.Creation.DuplicateMessage d ? d.requestId() : request.id();
    queue.plan(id);
  }

  /** The retention erasure's key: one per person and deadline, so a second run finds the first's request. */
  static String retentionKey(String subject, LocalDate deadline) {
    return VerificationToken.hash("retention:" + subject + ":" + deadline);
  }

  private static final class Counts {
    int entriesRead;
    int subjectsDue;
    int erasuresEnqueued;
    int alreadyErasing;
    int holdsSkipped;
    int invoicesDeleted;
    int itemsDeleted;

    Report report(LocalDate day, boolean dryRun, boolean finished) {
      return new Report(day, dryRun, finished, false, entriesRead, subjectsDue, erasuresEnqueued, alreadyErasing,
          holdsSkipped, invoicesDeleted, itemsDeleted);
    }
  }
}
