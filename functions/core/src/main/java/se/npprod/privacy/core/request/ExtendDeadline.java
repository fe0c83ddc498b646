package se.npprod.privacy.core.request;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.policy.Policy;

/**
 * Art. 12(3): the answer may be given up to two further months later, taking into account the
 * complexity and number of requests, but only once, and only if the person is told why within the
 * first month. The privacy team gives the reasons; the person gets them by mail in the request's
 * language, and the request's due date moves (its audit events say who and when, not why: the
 * reasons may be about the person).
 */
public final class ExtendDeadline {
  public enum Outcome { EXTENDED, TOO_LATE, ALREADY_EXTENDED, CLOSED, UNKNOWN }

  public record Result(Outcome outcome, Optional<LocalDate> dueDate) {}

  private final Policy policy;
  private final RequestStore store;
  private final Outbox outbox;
  private final RequestMails mails;
  private final Clock clock;

  public ExtendDeadline(Policy policy, RequestStore store, Outbox outbox, Clock clock) {
    this.policy = policy;
    this.store = store;
    this.outbox = outbox;
    this.mails = new RequestMails(policy);
    this.clock = clock;
  }

  /** @param by who on the privacy team decided it (the IAM principal), for the audit event */
  public Result extend(String requestId, String reasons, String by) {
    Optional<PrivacyRequest> found = store.request(requestId);
    if (found.isEmpty()) {
      return new Result(Outcome.UNKNOWN, Optional.empty());
    }
    PrivacyRequest r = found.get();
    if (!r.status().open()) {
      return new Result(Outcome.CLOSED, Optional.empty());
    }
    Instant now = clock.instant();
    if (!AnswerDeadline.extensionStillPossible(r.receivedAt(), now, policy.timezone())) {
      return new Result(Outcome.TOO_LATE, Optional.of(r.dueDate()));
    }
    LocalDate extended = AnswerDeadline.extendedDueDate(r.receivedAt(), policy.timezone());
    if (!store.extendDueDate(requestId, extended, new AuditEvent(requestId, now, "deadline-extended",
        Map.of("dueDate", extended.toString(), "by", by)))) {
      return new Result(Outcome.ALREADY_EXTENDED, Optional.of(r.dueDate()));
    }
    outbox.send(mails.extension(r, extended, reasons));
    return new Result(Outcome.EXTENDED, Optional.of(extended));
  }
}
