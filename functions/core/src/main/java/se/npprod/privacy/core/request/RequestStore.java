package se.npprod.privacy.core.request;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: rights requests, their tokens, audit events and allowances, in the table. */
public interface RequestStore {

  /** A confirmation link's stored half: the token's hash, never the token. */
  record TokenRecord(String hash, String requestId, Instant expiresAt, boolean used) {}

  /** How {@link #create} went. */
  sealed interface Creation {
    record Created() implements Creation {}

    /** The same mail (Message-ID) was taken before, by this request. */
    record DuplicateMessage(String requestId) implements Creation {}

    /** The person already has a request of this type on record as open. */
    record OpenRequestExists(String requestId) implements Creation {}
  }

  /**
   * In one atomic write: the request, its first token (if any), the mail's dedupe marker (if any),
   * the person's open slot for this type (if {@code openSlotOf} is given: subject key) and the
   * first audit event. Nothing is written unless all of it is.
   */
  Creation create(PrivacyRequest request, Optional<TokenRecord> token, Optional<String> messageKey,
      Optional<String> openSlotOf, List<FollowUp> followUps, AuditEvent event);

  /** Something to do for a request at a time: {@code remind} or {@code expire} an unconfirmed one. */
  record FollowUp(String requestId, String what, Instant at) {}

  /** Follow-ups whose time falls on a day from {@code from} through {@code through}, in the policy's zone. */
  List<FollowUp> followUpsDue(java.time.LocalDate from, java.time.LocalDate through);

  /** The follow-up is done (or no longer needed): it is not listed again. */
  void followUpDone(FollowUp followUp);

  /** Notes that the follow-up has been reported once; false if it had been before. */
  boolean followUpReported(FollowUp followUp, Instant at);

  /** Frees an open slot still held by {@code requestId} (no longer open); no-op otherwise. */
  void releaseOpenSlot(String subject, RequestType type, String requestId);

  /** Records that a mail joined request {@code requestId}; false when that mail was recorded before. */
  boolean markJoined(String messageKey, String requestId, AuditEvent event);

  Optional<PrivacyRequest> request(String id);

  /** The request a message key (a mail's Message-ID hash, a retention erasure's key) made, if any. */
  Optional<String> requestByMessage(String messageKey);

  /** Another token for a request still awaiting verification. */
  void addToken(TokenRecord token, AuditEvent event);

  Optional<TokenRecord> token(String hash);

  /**
   * The token used and the request verified, atomically, only if the token is unused and unexpired
   * at {@code now} and the request still awaits verification; the request is then kept until
   * {@code keepUntil}, and carries the policy's own target for it ({@code policyTarget}: for an
   * erasure, 24 hours from now), besides the legal due date; a target also becomes a follow-up
   * ({@code overdue}) at that time.
   */
  boolean verify(TokenRecord token, Instant now, Instant keepUntil, Optional<Instant> policyTarget, AuditEvent event);

  /** Notes that the confirmation mail for the request went out (a redelivered mail then sends none). */
  void markMailed(String requestId, Instant at);

  boolean mailed(String requestId);

  /**
   * Takes one of {@code limit} mails for this subject on this day; false when none is left.
   * Counters expire with their period.
   */
  boolean takeMailAllowance(String subject, String day, int limit, Instant expiresAt);

  /** Takes one of {@code limit} form posts for this client network in this hour. */
  boolean takeFormAllowance(String network, String hour, int limit, Instant expiresAt);

  void audit(AuditEvent event);

  /**
   * Moves the request from {@code from} to {@code to} with its audit event, only if it is still at
   * {@code from}; a reason (a code) goes with a move to manual review. When {@code to} is final,
   * the person's open slot for this type is freed in the same write.
   *
   * @return false when the request was not at {@code from}
   */
  boolean transition(String requestId, RequestStatus from, RequestStatus to, Optional<String> reason, AuditEvent event);

  /**
   * Moves the request's due date to {@code extended}, once: false when it was extended before.
   */
  boolean extendDueDate(String requestId, java.time.LocalDate extended, AuditEvent event);

  /**
   * Records that the person has been told their restriction will be lifted and schedules the
   * lift ({@code lift}: a follow-up), with its audit event, in one step and only once: false when
   * a lift was scheduled before, or the request is not a completed restriction.
   */
  boolean scheduleRestrictionLift(String requestId, FollowUp lift, AuditEvent event);

  /** When the request's restriction is to be lifted, if that has been scheduled. */
  Optional<Instant> restrictionLift(String requestId);
}
