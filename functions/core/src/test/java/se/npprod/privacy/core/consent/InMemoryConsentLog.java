package se.npprod.privacy.core.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test double for both consent ports. */
final class InMemoryConsentLog implements ConsentStore, BannerArchive {
  final List<ConsentRecord> records = new ArrayList<>();
  final Map<Integer, BannerConfig> banners = new HashMap<>();

  @Override
  public void append(ConsentRecord record) {
    records.add(record);
  }

  @Override
  public boolean isKnown(String consentId, Instant now) {
    return !history(consentId, now).isEmpty();
  }

  @Override
  public List<ConsentRecord> history(String consentId, Instant now) {
    return records.stream()
        .filter(r -> r.consentId().equals(consentId) && r.expiresAt().isAfter(now))
        .sorted(Comparator.comparing(ConsentRecord::recordedAt))
        .toList();
  }

  @Override
  public Optional<BannerConfig> find(int revision) {
    return Optional.ofNullable(banners.get(revision));
  }

  @Override
  public BannerConfig archiveIfAbsent(BannerConfig banner) {
    return banners.computeIfAbsent(banner.revision(), r -> banner);
  }
}
