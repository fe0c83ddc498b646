package se.npprod.privacy.core.consent;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers archived banner revisions for the life of a container: an archived revision never
 * changes, so one read per revision is enough. Revisions not (yet) archived are asked for again.
 */
public final class CachedBannerArchive implements BannerArchive {
  private final BannerArchive archive;
  private final Map<Integer, BannerConfig> known = new ConcurrentHashMap<>();

  public CachedBannerArchive(BannerArchive archive) {
    this.archive = archive;
  }

  @Override
  public Optional<BannerConfig> find(int revision) {
    BannerConfig cached = known.get(revision);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<BannerConfig> found = archive.find(revision);
    found.ifPresent(b -> known.put(revision, b));
    return found;
  }

  @Override
  public BannerConfig archiveIfAbsent(BannerConfig banner) {
    BannerConfig stored = archive.archiveIfAbsent(banner);
    known.put(stored.revision(), stored);
    return stored;
  }
}
