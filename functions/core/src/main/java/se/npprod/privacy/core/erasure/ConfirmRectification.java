package se.npprod.privacy.core.erasure;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.consent.InvalidInput;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.RequestType;

/**
 * Art. 16: what is wrong is in the person's own words, so a rectification does not fan out when
 * it is verified. A person on the privacy team reads it and confirms the corrected values; they are
 * recorded with the request and the request is planned like a restriction, with action
 * {@code rectify}: our table and every system we reach by API (every recipient the data went to,
 * Art. 19), the processors by mail left to the team ({@code byHand}). The audit events say who
 * confirmed and which fields, never the values.
 */
public final class ConfirmRectification {
  public enum Outcome { PLANNED, UNKNOWN, NOT_A_VERIFIED_RECTIFICATION }

  private final RequestStore requests;
  private final ErasurePlans plans;
  private final ErasureQueue queue;
  private final Clock clock;

  public ConfirmRectification(RequestStore requests, ErasurePlans plans, ErasureQueue queue, Clock clock) {
    this.requests = requests;
    this.plans = plans;
    this.queue = queue;
    this.clock = clock;
  }

  /**
   * @param fields the corrected fields as sent (checked here: see {@link CorrectedFields#read})
   * @param by who on the privacy team confirmed them (the IAM principal), for the audit event
   * @throws InvalidInput when a field is unknown or out of bounds
   */
  public Outcome confirm(String requestId, Map<String, ?> fields, String by) {
    Map<String, String> corrected = CorrectedFields.read(fields);
    Optional<PrivacyRequest> found = requests.request(requestId);
    if (found.isEmpty()) {
      return Outcome.UNKNOWN;
    }
    PrivacyRequest r = found.get();
    if (r.type() != RequestType.RECTIFICATION || r.status() != RequestStatus.VERIFIED) {
      return Outcome.NOT_A_VERIFIED_RECTIFICATION;
    }
    if (!plans.correct(requestId, corrected, new AuditEvent(requestId, clock.instant(), "rectification-confirmed",
        Map.of("fields", String.join(",", corrected.keySet()), "by", by)))) {
      return Outcome.NOT_A_VERIFIED_RECTIFICATION; // planned meanwhile
    }
    // A plan message sent twice plans once; one lost to a crash here is sent by confirming again.
    queue.plan(requestId);
    return Outcome.PLANNED;
  }
}
