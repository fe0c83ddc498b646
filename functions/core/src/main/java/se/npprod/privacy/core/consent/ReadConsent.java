package se.npprod.privacy.core.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.npprod.privacy.core.policy.Policy;

/** Shows a visitor's current consent and its history, and whether the banner must ask again. */
public final class ReadConsent {
  private final Policy policy;
  private final ConsentStore store;
  private final Clock clock;

  public ReadConsent(Policy policy, ConsentStore store, Clock clock) {
    this.policy = policy;
    this.store = store;
    this.clock = clock;
  }

  public Optional<ConsentState> read(String consentId) {
    Instant now = clock.instant();
    ConsentStore.History found = store.recent(consentId, now, policy.consent().limits().historyShown());
    List<ConsentRecord> history = found.newest();
    if (history.isEmpty()) {
      return Optional.empty();
    }
    ConsentRecord current = history.get(history.size() - 1);
    Instant due = current.recordedAt().atZone(policy.timezone())
        .plus(policy.consent().reconsentAfter()).toInstant();
    boolean upToDate = now.isBefore(due)
        && current.bannerRevision() == policy.consent().banner().revision();
    return Optional.of(new ConsentState(consentId, current, history, Math.max(found.total(), history.size()),
        due, upToDate));
  }
}
