package se.npprod.privacy.core.testing;

import se.npprod.privacy.core.consent.BannerArchive;
import se.npprod.privacy.core.consent.BannerConfig;
import se.npprod.privacy.core.consent.ConsentRecord;
import se.npprod.privacy.core.consent.ConsentStore;
import se.npprod.privacy.core.consent.DailyLimitReached;
import se.npprod.privacy.core.port.Unavailable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test double for both consent ports, shared by every module's tests. */
public final class InMemoryConsentLog implements ConsentStore, BannerArchive {
  public final List<ConsentRecord> records = new ArrayList<>();
  public final Map<Integer, BannerConfig> banners = new HashMap<>();
  /** Decisions counted per visitor and day, as the table's day counters count them. */
  private final Map<String, Integer> perDay = new HashMap<>();
  /** While true, every call fails as the DynamoDB adapter reports an unreachable table. */
  public volatile boolean down;
  /** While true, appending a record fails the test: for showing that a path writes no record. */
  public volatile boolean refuseRecords;

  private void answer() {
    if (down) {
      throw new Unavailable("table", new java.net.ConnectException("Connection refused"));
    }
  }

  @Override
  public void append(ConsentRecord record, DailyQuota quota) {
    answer();
    if (refuseRecords) {
      throw new AssertionError("a consent record was written where none may be");
    }
    String key = record.consentId() + "/" + quota.day();
    if (perDay.getOrDefault(key, 0) >= quota.limit()) {
      throw new DailyLimitReached(quota.resetsAt());
    }
    perDay.merge(key, 1, Integer::sum);
    records.add(record);
  }

  @Override
  public boolean isKnown(String consentId, Instant now) {
    answer();
    return !history(consentId, now).isEmpty();
  }

  @Override
  public History recent(String consentId, Instant now, int limit) {
    answer();
    List<ConsentRecord> all = history(consentId, now);
    return new History(all.subList(Math.max(0, all.size() - limit), all.size()),
        records.stream().filter(r -> r.consentId().equals(consentId)).count());
  }

  /** Every unexpired decision of the visitor, oldest first: what the table holds, for assertions. */
  public List<ConsentRecord> history(String consentId, Instant now) {
    return records.stream()
        .filter(r -> r.consentId().equals(consentId) && r.expiresAt().isAfter(now))
        .sorted(Comparator.comparing(ConsentRecord::recordedAt))
        .toList();
  }

  @Override
  public Optional<BannerConfig> find(int revision) {
    answer();
    return Optional.ofNullable(banners.get(revision));
  }

  /** Archived consent interfaces by version. */
  public final Map<String, se.npprod.privacy.core.consent.ConsentInterface> interfaces = new HashMap<>();

  @Override
  public Archived archived(int bannerRevision, String uiVersion) {
    answer();
    return new Archived(find(bannerRevision).map(BannerConfig::sha256), interfaces.containsKey(uiVersion));
  }

  @Override
  public void archiveInterfaceIfAbsent(se.npprod.privacy.core.consent.ConsentInterface ui) {
    answer();
    interfaces.putIfAbsent(ui.uiVersion(), ui);
  }

  /** An interface for tests: the version names it, nothing else is real. */
  public static se.npprod.privacy.core.consent.ConsentInterface testInterface() {
    return new se.npprod.privacy.core.consent.ConsentInterface("test-ui", "vanilla-cookieconsent@test", "test-banner",
        "// banner.js", "// consent-mode.js");
  }

  @Override
  public Optional<String> storedSha256(int revision) {
    return find(revision).map(BannerConfig::sha256);
  }

  @Override
  public String archiveIfAbsent(BannerConfig banner) {
    answer();
    return banners.computeIfAbsent(banner.revision(), r -> banner).sha256();
  }
}
