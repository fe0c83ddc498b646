package se.npprod.privacy.core.request;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.policy.Policy;

/**
 * The clock of an unconfirmed request, run on a schedule: one reminder with a fresh link once
 * {@code requests.reminderAfter} has passed, and when the first link runs out
 * ({@code requests.verificationValidFor}), the request closes as not verified (EXPIRED) with a
 * short mail saying so. Nothing else happens to a request nobody confirmed. The same run counts
 * erasures past their target, and hands a processor's reminder and escalation to
 * {@link ProcessorFollowUps}.
 *
 * <p>Safe to run as often as wanted: each follow-up is done once (a confirmed or closed request
 * only has its follow-ups cleared), and a run that missed days catches up on them.
 */
public final class FollowUpRequests {
  public static final String REMIND = "remind";
  public static final String EXPIRE = "expire";
  /** An erasure past the policy's 24 hours and not yet completed. */
  public static final String OVERDUE = "overdue";
  /** A processor asked by mail and not yet confirmed is reminded: {@code processor-remind#<system>}. */
  public static final String PROCESSOR_REMIND = "processor-remind";
  /** ... and later the privacy team is told: {@code processor-escalate#<system>}. */
  public static final String PROCESSOR_ESCALATE = "processor-escalate";
  /** A restriction to lift once its notice period is over: {@code LiftRestrictions}' own, not this class's. */
  public static final String RESTRICTION_LIFT = "restriction-lift";
  /** How far back a run looks for follow-ups a stopped schedule left undone. */
  public static final int DAYS_BACK = 14;

  /**
   * What a run did; {@code overdue} is every erasure past its target now, counted again each run;
   * {@code processorReminders} and {@code escalations} are processors reminded and privacy-team
   * escalations sent in this run.
   */
  public record Report(int reminded, int expired, int cleared, int overdue, int processorReminders, int escalations) {}

  /**
   * A processor's follow-ups ({@link #PROCESSOR_REMIND}, {@link #PROCESSOR_ESCALATE}), done by the
   * erasure side, which knows the tasks and the processors' contacts; this package knows neither.
   */
  public interface ProcessorFollowUps {
    enum Outcome { REMINDED, ESCALATED, CLEARED, LATER }

    /** Does the follow-up if its task still waits unconfirmed, else clears it; LATER leaves it for the next run. */
    Outcome run(RequestStore.FollowUp followUp, Instant now);
  }

  private final Policy policy;
  private final RequestStore store;
  private final RequestMails mails;
  private final BoundedMail mailer;
  private final VerificationLinks links;
  private final ProcessorFollowUps processors;
  private final Clock clock;

  public FollowUpRequests(Policy policy, RequestStore store, Outbox outbox, VerificationLinks links,
      ProcessorFollowUps processors, Clock clock) {
    this.processors = processors;
    this.policy = policy;
    this.store = store;
    this.mails = new RequestMails(policy);
    this.mailer = new BoundedMail(policy, store, outbox, clock);
    this.links = links;
    this.clock = clock;
  }

  public Report run() {
    Instant now = clock.instant();
    LocalDate today = now.atZone(policy.timezone()).toLocalDate();
    int reminded = 0;
    int expired = 0;
    int cleared = 0;
    int overdue = 0;
    int processorReminders = 0;
    int escalations = 0;
    for (RequestStore.FollowUp f : store.followUpsDue(today.minusDays(DAYS_BACK), today)) {
      if (f.at().isAfter(now) || f.what().equals(RESTRICTION_LIFT)) {
        continue; // later today, or LiftRestrictions' to do
      }
      if (f.what().startsWith(PROCESSOR_REMIND + "#") || f.what().startsWith(PROCESSOR_ESCALATE + "#")) {
        switch (processors.run(f, now)) {
          case REMINDED -> processorReminders++;
          case ESCALATED -> escalations++;
          case CLEARED -> cleared++;
          case LATER -> { }
        }
        continue;
      }
      Optional<PrivacyRequest> request = store.request(f.requestId());
      if (f.what().equals(OVERDUE)) {
        if (request.isEmpty() || !request.get().status().open()) {
          store.followUpDone(f);
          cleared++;
        } else {
          // Kept listed while the request is open, so every run counts it and the alarm stays on.
          overdue++;
          if (store.followUpReported(f, now)) {
            store.audit(new AuditEvent(f.requestId(), now, "erasure-overdue", Map.of("target", f.at().toString())));
          }
        }
        continue;
      }
      if (request.isEmpty() || request.get().status() != RequestStatus.AWAITING_VERIFICATION) {
        store.followUpDone(f);
        cleared++;
        continue;
      }
      PrivacyRequest r = request.get();
      if (f.what().equals(REMIND)) {
        // The first link is known only by its hash: the reminder carries a fresh one, valid no
        // longer than the first, since the request closes when the first runs out.
        VerificationToken token = VerificationToken.generate();
        Instant firstExpiry = r.receivedAt().atZone(policy.timezone()).plus(policy.requests().verificationValidFor())
            .toInstant();
        store.addToken(new RequestStore.TokenRecord(token.hash(), r.id(), firstExpiry, false),
            AuditEvent.of(r.id(), now, "token-issued"));
        mailer.send(r.subject(), r, mails.reminder(r, links.verify(token),
            firstExpiry.atZone(policy.timezone()).toLocalDate()));
        reminded++;
      } else if (store.transition(r.id(), RequestStatus.AWAITING_VERIFICATION, RequestStatus.EXPIRED,
          Optional.of("not-verified"), new AuditEvent(r.id(), now, "expired", Map.of("reason", "not-verified")))) {
        mailer.send(r.subject(), r, mails.notVerified(r));
        expired++;
      }
      store.followUpDone(f);
    }
    return new Report(reminded, expired, cleared, overdue, processorReminders, escalations);
  }
}
