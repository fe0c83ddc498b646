package se.npprod.privacy.core.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.RequestType;

/**
 * Test double of the request store, with the table's conditions: a transition only from the state
 * named, a follow-up listed by its day (Europe/Stockholm) until done, a lift scheduled once and only
 * for a completed restriction. Tokens, mail markers and allowances are kept as simply as can be.
 */
public final class InMemoryRequestStore implements RequestStore {
  private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

  public final Map<String, PrivacyRequest> requests = new LinkedHashMap<>();
  public final List<AuditEvent> events = new ArrayList<>();
  /** By request id and kind, as the table keys them ({@code FOLLOWUP#<what>}). */
  public final Map<String, FollowUp> followUps = new LinkedHashMap<>();
  private final Set<String> reported = new HashSet<>();
  private final Map<String, TokenRecord> tokens = new HashMap<>();
  private final Map<String, Instant> lifts = new HashMap<>();
  private final Set<String> mailed = new HashSet<>();
  private final Map<String, Integer> allowances = new HashMap<>();

  /** Puts a request as it stands, for a test to start from. */
  public PrivacyRequest put(PrivacyRequest request) {
    requests.put(request.id(), request);
    return request;
  }

  /** The audit events of one request, oldest first. */
  public List<AuditEvent> events(String requestId) {
    return events.stream().filter(e -> e.requestId().equals(requestId)).toList();
  }

  @Override
  public Creation create(PrivacyRequest request, Optional<TokenRecord> token, Optional<String> messageKey,
      Optional<String> openSlotOf, List<FollowUp> followUps, AuditEvent event) {
    requests.put(request.id(), request);
    token.ifPresent(t -> tokens.put(t.hash(), t));
    followUps.forEach(f -> this.followUps.put(key(f), f));
    events.add(event);
    return new Creation.Created();
  }

  @Override
  public List<FollowUp> followUpsDue(LocalDate from, LocalDate through) {
    return followUps.values().stream().filter(f -> {
      LocalDate day = f.at().atZone(ZONE).toLocalDate();
      return !day.isBefore(from) && !day.isAfter(through);
    }).toList();
  }

  @Override
  public void followUpDone(FollowUp followUp) {
    followUps.remove(key(followUp));
  }

  @Override
  public boolean followUpReported(FollowUp followUp, Instant at) {
    return followUps.containsKey(key(followUp)) && reported.add(key(followUp));
  }

  @Override
  public void releaseOpenSlot(String subject, RequestType type, String requestId) {}

  @Override
  public boolean markJoined(String messageKey, String requestId, AuditEvent event) {
    events.add(event);
    return true;
  }

  @Override
  public Optional<PrivacyRequest> request(String id) {
    return Optional.ofNullable(requests.get(id));
  }
  @Override
  public Optional<String> requestByMessage(String messageKey) {
    return Optional.empty();
  }


  @Override
  public void addToken(TokenRecord token, AuditEvent event) {
    tokens.put(token.hash(), token);
    events.add(event);
  }

  @Override
  public Optional<TokenRecord> token(String hash) {
    return Optional.ofNullable(tokens.get(hash));
  }

  @Override
  public boolean verify(TokenRecord token, Instant now, Instant keepUntil, Optional<Instant> policyTarget,
      AuditEvent event) {
    PrivacyRequest r = requests.get(token.requestId());
    if (r == null || token.used() || r.status() != RequestStatus.AWAITING_VERIFICATION) {
      return false;
    }
    tokens.put(token.hash(), new TokenRecord(token.hash(), token.requestId(), token.expiresAt(), true));
    requests.put(r.id(), new PrivacyRequest(r.id(), r.type(), r.channel(), RequestStatus.VERIFIED, r.language(), r.email(),
        r.subject(), r.receivedAt(), r.dueDate(), Optional.of(now), r.evidence(), r.reviewReason(), r.text(), keepUntil));
    events.add(event);
    return true;
  }

  @Override
  public void markMailed(String requestId, Instant at) {
    mailed.add(requestId);
  }

  @Override
  public boolean mailed(String requestId) {
    return mailed.contains(requestId);
  }

  @Override
  public boolean takeMailAllowance(String subject, String day, int limit, Instant expiresAt) {
    return allowances.merge("mail " + subject + " " + day, 1, Integer::sum) <= limit;
  }

  @Override
  public boolean takeFormAllowance(String network, String hour, int limit, Instant expiresAt) {
    return allowances.merge("form " + network + " " + hour, 1, Integer::sum) <= limit;
  }

  @Override
  public void audit(AuditEvent event) {
    events.add(event);
  }

  @Override
  public boolean transition(String requestId, RequestStatus from, RequestStatus to, Optional<String> reason,
      AuditEvent event) {
    PrivacyRequest r = requests.get(requestId);
    if (r == null || r.status() != from) {
      return false;
    }
    requests.put(requestId, r.withStatus(to));
    events.add(event);
    return true;
  }

  @Override
  public boolean extendDueDate(String requestId, LocalDate extended, AuditEvent event) {
    throw new UnsupportedOperationException("not needed by these tests");
  }

  @Override
  public boolean scheduleRestrictionLift(String requestId, FollowUp lift, AuditEvent event) {
    PrivacyRequest r = requests.get(requestId);
    if (r == null || r.type() != RequestType.RESTRICTION || r.status() != RequestStatus.COMPLETED
        || lifts.containsKey(requestId)) {
      return false;
    }
    lifts.put(requestId, lift.at());
    followUps.put(key(lift), lift);
    events.add(event);
    return true;
  }

  @Override
  public Optional<Instant> restrictionLift(String requestId) {
    return Optional.ofNullable(lifts.get(requestId));
  }

  private static String key(FollowUp f) {
    return f.requestId() + " " + f.what();
  }
}
