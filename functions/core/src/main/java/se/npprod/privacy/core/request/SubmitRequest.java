package se.npprod.privacy.core.request;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.subject.SubjectKeys;

/**
 * Takes a request in, from the form or from a mail, and asks the person to confirm it by a link to
 * the address it came from (Art. 12(6)). Nothing is disclosed, erased or changed here.
 *
 * <ul>
 *   <li>The same mail twice makes one request; a second request of a type already open joins it.</li>
 *   <li>Mail to one address is bounded per day: beyond it the request is still recorded for the
 *       privacy team, but nothing more is sent.</li>
 *   <li>The outcome never depends on whether we hold data about the address.</li>
 * </ul>
 */
public final class SubmitRequest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  public enum Outcome { CREATED, JOINED, DUPLICATE }

  public record Result(Outcome outcome, String requestId, boolean mailed) {}

  private final Policy policy;
  private final SubjectKeys keys;
  private final RequestStore store;
  private final RequestMails mails;
  private final VerificationLinks links;
  private final Clock clock;
  private final Supplier<String> ids;
  private final BoundedMail mailer;

  public SubmitRequest(Policy policy, SubjectKeys keys, RequestStore store, Outbox outbox, VerificationLinks links,
      Clock clock) {
    this(policy, keys, store, outbox, links, clock, SubmitRequest::newId);
  }

  SubmitRequest(Policy policy, SubjectKeys keys, RequestStore store, Outbox outbox, VerificationLinks links, Clock clock,
      Supplier<String> ids) {
    this.policy = policy;
    this.keys = keys;
    this.store = store;
    this.mails = new RequestMails(policy);
    this.links = links;
    this.clock = clock;
    this.ids = ids;
    this.mailer = new BoundedMail(policy, store, outbox, clock);
  }

  /** 26 characters of base32: 130 random bits, unguessable. */
  public static String newId() {
    char[] id = new char[26];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
    }
    return new String(id);
  }

  public Result submit(NewRequest in) {
    String subject = keys.of(in.email());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    boolean review = in.reviewReason().isPresent() || in.type() == RequestType.UNKNOWN;
    Optional<String> messageKey = in.messageId().map(m -> VerificationToken.hash("message:" + m.toLowerCase(Locale.ROOT)));
    PrivacyRequest request = new PrivacyRequest(ids.get(), in.type(), in.channel(),
        review ? RequestStatus.MANUAL_REVIEW : RequestStatus.AWAITING_VERIFICATION, in.language(), in.email(), subject,
        in.receivedAt(), AnswerDeadline.dueDate(in.receivedAt(), policy.timezone()), Optional.empty(), in.evidence(),
        review ? Optional.of(in.reviewReason().orElse("unclear")) : Optional.empty(), in.text(),
        plus(in.receivedAt(), policy.requests().verificationValidFor().plus(policy.requests().keepUnverifiedFor())));
    VerificationToken token = VerificationToken.generate();
    Optional<RequestStore.TokenRecord> tokenRecord = review ? Optional.empty() : Optional.of(tokenRecord(token, request.id()));
    AuditEvent received = new AuditEvent(request.id(), now, "received", Map.of("channel", in.channel().name(),
        "type", in.type().wireName(), "status", request.status().name()));

    for (int attempt = 0; attempt < 2; attempt++) {
      RequestStore.Creation created = store.create(request, tokenRecord, messageKey,
          review ? Optional.empty() : Optional.of(subject), review ? List.of() : followUps(request, tokenRecord.get()),
          received);
      if (created instanceof RequestStore.Creation.Created) {
        boolean mailed = mail(subject, request, review ? mails.manualReview(request) : verification(request, token));
        return new Result(Outcome.CREATED, request.id(), mailed);
      }
      if (created instanceof RequestStore.Creation.DuplicateMessage dup) {
        return new Result(Outcome.DUPLICATE, dup.requestId(), resendIfNeverMailed(subject, dup.requestId()));
      }
      String openId = ((RequestStore.Creation.OpenRequestExists) created).requestId();
      Optional<PrivacyRequest> open = store.request(openId).filter(r -> r.status().open());
      if (open.isPresent()) {
        return join(subject, open.get(), in, messageKey, now);
      }
      // The slot outlived its request (closed since): free it and try once more.
      store.releaseOpenSlot(subject, in.type(), openId);
    }
    throw new IllegalStateException("the open-request slot could not be taken");
  }

  private Result join(String subject, PrivacyRequest open, NewRequest in, Optional<String> messageKey, Instant now) {
    AuditEvent joined = new AuditEvent(open.id(), now, "joined", Map.of("channel", in.channel().name()));
    if (messageKey.isPresent() && !store.markJoined(messageKey.get(), open.id(), joined)) {
      return new Result(Outcome.DUPLICATE, open.id(), false);
    }
    if (messageKey.isEmpty()) {
      store.audit(joined);
    }
    boolean mailed;
    if (open.status() == RequestStatus.AWAITING_VERIFICATION) {
      // The first link may have been lost: a fresh one, for the same request.
      VerificationToken token = VerificationToken.generate();
      store.addToken(tokenRecord(token, open.id()), new AuditEvent(open.id(), now, "token-issued", Map.of()));
      mailed = mail(subject, open, verification(open, token));
    } else {
      mailed = mail(subject, open, mails.alreadyInProgress(open));
    }
    return new Result(Outcome.JOINED, open.id(), mailed);
  }

  /** A redelivered mail whose first handling stopped before the confirmation went out. */
  private boolean resendIfNeverMailed(String subject, String requestId) {
    Optional<PrivacyRequest> r = store.request(requestId);
    if (r.isEmpty() || store.mailed(requestId)) {
      return false;
    }
    PrivacyRequest request = r.get();
    if (request.status() == RequestStatus.MANUAL_REVIEW) {
      return mail(subject, request, mails.manualReview(request));
    }
    if (request.status() != RequestStatus.AWAITING_VERIFICATION) {
      return false;
    }
    VerificationToken token = VerificationToken.generate();
    store.addToken(tokenRecord(token, requestId), new AuditEvent(requestId, clock.instant(), "token-issued", Map.of()));
    return mail(subject, request, verification(request, token));
  }

  /** A reminder a while after receipt, and the close when the first link runs out. */
  private List<RequestStore.FollowUp> followUps(PrivacyRequest request, RequestStore.TokenRecord token) {
    return List.of(
        new RequestStore.FollowUp(request.id(), FollowUpRequests.REMIND,
            request.receivedAt().plus(policy.requests().reminderAfter())),
        new RequestStore.FollowUp(request.id(), FollowUpRequests.EXPIRE, token.expiresAt()));
  }

  private OutgoingMail verification(PrivacyRequest request, VerificationToken token) {
    return mails.verification(request, links.verify(token), validThrough(request));
  }

  private LocalDate validThrough(PrivacyRequest request) {
    return tokenExpiry().atZone(policy.timezone()).toLocalDate();
  }

  private Instant tokenExpiry() {
    return plus(clock.instant(), policy.requests().verificationValidFor());
  }

  private RequestStore.TokenRecord tokenRecord(VerificationToken token, String requestId) {
    return new RequestStore.TokenRecord(token.hash(), requestId, tokenExpiry(), false);
  }

  private boolean mail(String subject, PrivacyRequest request, OutgoingMail mail) {
    return mailer.send(subject, request, mail);
  }

  private Instant plus(Instant at, java.time.Period period) {
    return at.atZone(policy.timezone()).plus(period).toInstant();
  }
}
