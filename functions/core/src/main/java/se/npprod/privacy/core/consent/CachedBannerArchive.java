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
  public Optional<String> storedSha256(int revision) {
    BannerConfig cached = known.get(revision);
    return cached != null ? Optional.of(cached.sha256()) : archive.storedSha256(revision);
  }

  @Override
  public String archiveIfAbsent(BannerConfig banner) {
    String stored = archive.archiveIfAbsent(banner);
    if (stored.equals(banner.sha256())) {
      known.put(banner.revision(), banner);
    }
    return stored;
  }

  @Override
  public Archived archived(int bannerRevision, String uiVersion) {
    return archive.archived(bannerRevision, uiVersion);
  }

  @Override
  public void archiveInterfaceIfAbsent(ConsentInterface ui) {
    archive.archiveInterfaceIfAbsent(ui);
  }

  /** A banner whose hash was just checked against its archived revision: later reads need not parse it. */
  public void remember(BannerConfig verified) {
    known.put(verified.revision(), verified);
  }
}
