package se.npprod.privacy.core.erasure;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.FollowUpRequests;
import se.npprod.privacy.core.request.Outbox;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.RequestType;

/**
 * Art. 18(3): a restriction is lifted only after the person has been told. The privacy team gives
 * the reason; the person is mailed first (when, why, what they can do), then the notice is
 * recorded and the lift scheduled {@code requests.restrictionLiftNotice} later as a follow-up, which
 * {@link LiftRestrictions} carries out. Mail first, so that no lift is ever scheduled without a
 * notice sent: a crash in between leaves nothing scheduled, and the team's second call sends the
 * notice again with its own date. The reason goes to the person only, never into the audit events.
 */
public final class ScheduleRestrictionLift {
  public enum Outcome { SCHEDULED, UNKNOWN, NOT_A_COMPLETED_RESTRICTION, ALREADY_SCHEDULED }

  /** @param liftAt when the restriction is lifted (scheduled now, or before) */
  public record Result(Outcome outcome, Optional<Instant> liftAt) {}

  private final Policy policy;
  private final RequestStore requests;
  private final Outbox outbox;
  private final ErasureMails mails;
  private final Clock clock;

  public ScheduleRestrictionLift(Policy policy, RequestStore requests, Outbox outbox, Clock clock) {
    this.policy = policy;
    this.requests = requests;
    this.outbox = outbox;
    this.mails = new ErasureMails(policy);
    this.clock = clock;
  }

  /**
   * @param reason why the restriction ends, in the privacy team's words, for the person
   * @param by who on the privacy team decided it (the IAM principal), for the audit event
   */
  public Result announce(String requestId, String reason, String by) {
    Optional<PrivacyRequest> found = requests.request(requestId);
    if (found.isEmpty()) {
      return new Result(Outcome.UNKNOWN, Optional.empty());
    }
    PrivacyRequest r = found.get();
    if (r.type() != RequestType.RESTRICTION || r.status() != RequestStatus.COMPLETED) {
      return new Result(Outcome.NOT_A_COMPLETED_RESTRICTION, Optional.empty());
    }
    Optional<Instant> before = requests.restrictionLift(requestId);
    if (before.isPresent()) {
      return new Result(Outcome.ALREADY_SCHEDULED, before);
    }
    Instant now = clock.instant();
    Instant liftAt = now.atZone(policy.timezone()).plus(policy.requests().restrictionLiftNotice()).toInstant();
    LocalDate liftOn = liftAt.atZone(policy.timezone()).toLocalDate();
    outbox.send(mails.liftNotice(r, liftOn, reason));
    RequestStore.FollowUp lift = new RequestStore.FollowUp(requestId, FollowUpRequests.RESTRICTION_LIFT, liftAt);
    if (!requests.scheduleRestrictionLift(requestId, lift,
        new AuditEvent(requestId, now, "restriction-lift-notified", Map.of("liftAt", liftAt.toString(), "by", by)))) {
      // Two calls at once: the other one's lift stands (its own notice went out too).
      return new Result(Outcome.ALREADY_SCHEDULED, requests.restrictionLift(requestId));
    }
    return new Result(Outcome.SCHEDULED, Optional.of(liftAt));
  }
}
