package se.npprod.privacy.core.request;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import se.npprod.privacy.core.policy.Policy;

/**
 * Mail to a requester, within the policy's daily allowance per address
 * ({@code requests.limits.mailsPerAddressPerDay}): beyond it nothing is sent that day, and the
 * request's audit events say so. Every mail sent or withheld is audited by kind.
 */
final class BoundedMail {
  private final Policy policy;
  private final RequestStore store;
  private final Outbox outbox;
  private final Clock clock;

  BoundedMail(Policy policy, RequestStore store, Outbox outbox, Clock clock) {
    this.policy = policy;
    this.store = store;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** @param subject the requester's subject key: the allowance is per address, whatever the request */
  boolean send(String subject, PrivacyRequest request, OutgoingMail mail) {
    Instant now = clock.instant();
    ZonedDateTime local = now.atZone(policy.timezone());
    Instant endOfDay = local.toLocalDate().plusDays(1).atStartOfDay(policy.timezone()).toInstant();
    if (!store.takeMailAllowance(subject, local.toLocalDate().toString(),
        policy.requests().limits().mailsPerAddressPerDay(), endOfDay.plus(1, ChronoUnit.DAYS))) {
      store.audit(new AuditEvent(request.id(), now, "mail-withheld", Map.of("kind", mail.kind(), "reason", "daily-limit")));
      return false;
    }
    outbox.send(mail);
    store.markMailed(request.id(), now);
    store.audit(new AuditEvent(request.id(), now, "mail-sent", Map.of("kind", mail.kind())));
    return true;
  }
}
