package se.npprod.privacy.core.request;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * SES says a mail to a requester bounced or was marked as spam. An extract that did not arrive is
 * not an answer: the request goes back to the privacy team. A confirmation link that did not arrive
 * is noted on the request, which then closes as not verified in its time.
 */
public final class RecordDeliveryProblem {
  public enum Problem { PERMANENT_BOUNCE, TRANSIENT_BOUNCE, COMPLAINT, REJECT }

  private final RequestStore store;
  private final Clock clock;

  public RecordDeliveryProblem(RequestStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** @param kind the mail's kind, as tagged when sent ({@code extract}, {@code verification}, ...) */
  public boolean record(String requestId, String kind, Problem problem) {
    Optional<PrivacyRequest> request = store.request(requestId);
    if (request.isEmpty()) {
      return false;
    }
    Instant now = clock.instant();
    String code = problem.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    store.audit(new AuditEvent(requestId, now, "mail-not-delivered", Map.of("kind", kind, "problem", code)));
    if ("extract".equals(kind) && problem != Problem.TRANSIENT_BOUNCE) {
      return store.transition(requestId, RequestStatus.COMPLETED, RequestStatus.MANUAL_REVIEW,
          Optional.of("extract-" + code), AuditEvent.of(requestId, now, "answer-not-delivered"));
    }
    return false;
  }
}
