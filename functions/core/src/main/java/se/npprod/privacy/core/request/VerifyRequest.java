package se.npprod.privacy.core.request;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.policy.Policy;

/**
 * The confirmation link. Opening it only shows what would be confirmed ({@link #check}): mail
 * scanners and link previews open links by themselves, and must not confirm anybody's request.
 * The person's own click confirms ({@link #confirm}): the token is used up, the request is verified
 * and its fulfilment starts, all or nothing.
 */
public final class VerifyRequest {
  public enum State { VALID, VERIFIED, USED, EXPIRED, UNKNOWN }

  /** What the page shows; {@code request} only when the token is valid or has just been used. */
  public record Result(State state, Optional<PrivacyRequest> request) {}

  private final Policy policy;
  private final RequestStore store;
  private final Fulfilment fulfilment;
  private final Clock clock;

  public VerifyRequest(Policy policy, RequestStore store, Fulfilment fulfilment, Clock clock) {
    this.policy = policy;
    this.store = store;
    this.fulfilment = fulfilment;
    this.clock = clock;
  }

  public Result check(String token) {
    Instant now = clock.instant();
    Optional<RequestStore.TokenRecord> t = lookup(token);
    if (t.isEmpty()) {
      return new Result(State.UNKNOWN, Optional.empty());
    }
    Optional<PrivacyRequest> request = store.request(t.get().requestId());
    State state = state(t.get(), request, now);
    return new Result(state, state == State.VALID ? request : Optional.empty());
  }

  public Result confirm(String token) {
    Instant now = clock.instant();
    Optional<RequestStore.TokenRecord> t = lookup(token);
    if (t.isEmpty()) {
      return new Result(State.UNKNOWN, Optional.empty());
    }
    Optional<PrivacyRequest> request = store.request(t.get().requestId());
    State state = state(t.get(), request, now);
    if (state != State.VALID) {
      return new Result(state, Optional.empty());
    }
    // Policy §5: erased within 24 hours of asking, counted from the confirmation (the legal limit
    // stays the due date; REQUIREMENTS leaves "from receipt or from verification" open: both are kept).
    Optional<Instant> target = request.get().type() == RequestType.ERASURE
        ? Optional.of(now.plus(policy.retention().erasureDeadline())) : Optional.empty();
    Map<String, String> details = new java.util.LinkedHashMap<>(Map.of("channel", request.get().channel().name()));
    target.ifPresent(at -> details.put("policyTarget", at.toString()));
    AuditEvent verified = new AuditEvent(request.get().id(), now, "verified", details);
    // Kept for the policy's period after the latest the answer can be due (one month plus an extension).
    Instant keepUntil = now.atZone(policy.timezone()).plus(policy.retention().answerDeadline()).plusMonths(2)
        .plus(policy.requests().keepClosedFor()).toInstant();
    if (!store.verify(t.get(), now, keepUntil, target, verified)) {
      // Another click or tab got there first; read again to say which.
      return new Result(state(store.token(t.get().hash()).orElse(t.get()), store.request(t.get().requestId()), now),
          Optional.empty());
    }
    PrivacyRequest done = store.request(request.get().id()).orElseThrow();
    fulfilment.start(done);
    return new Result(State.VERIFIED, Optional.of(done));
  }

  private Optional<RequestStore.TokenRecord> lookup(String token) {
    return VerificationToken.wellFormed(token) ? store.token(VerificationToken.hash(token)) : Optional.empty();
  }

  private static State state(RequestStore.TokenRecord t, Optional<PrivacyRequest> request, Instant now) {
    if (t.used() || request.isPresent() && request.get().status() != RequestStatus.AWAITING_VERIFICATION
        && request.get().status().open()) {
      return State.USED;
    }
    if (request.isEmpty() || !now.isBefore(t.expiresAt()) || !request.get().status().open()) {
      return State.EXPIRED;
    }
    return State.VALID;
  }
}
