package se.npprod.privacy.core.consent;

import se.npprod.privacy.core.policy.Policy;

/**
 * Makes sure the banner revision in the policy is archived before any decision refers to it,
 * and refuses to run if that revision number was already used for different content.
 */
public final class ArchiveBanner {
  private final BannerArchive archive;

  public ArchiveBanner(BannerArchive archive) {
    this.archive = archive;
  }

  public BannerConfig archiveCurrent(Policy policy) {
    return archiveCurrent(BannerConfig.of(policy.consent().banner()));
  }

  /**
   * @param current the policy's banner, for example with its canonical JSON and hash made at build time
   * @return {@code current}, now known to be exactly the archived revision
   */
  public BannerConfig archiveCurrent(BannerConfig current) {
    // The hash alone, read first: after the first start the revision is always there, a refused
    // write costs more, and the archived text need not be read or parsed to compare it.
    String stored = archive.storedSha256(current.revision()).orElseGet(() -> archive.archiveIfAbsent(current));
    return check(current, stored);
  }

  /**
   * The banner and the consent interface it is shown with, checked and archived with one read when
   * both are archived already (every start but the first of a version).
   */
  public BannerConfig archiveCurrent(BannerConfig current, ConsentInterface ui) {
    BannerArchive.Archived found = archive.archived(current.revision(), ui.uiVersion());
    String stored = found.bannerSha256().orElseGet(() -> archive.archiveIfAbsent(current));
    check(current, stored);
    if (!found.interfaceArchived()) {
      archive.archiveInterfaceIfAbsent(ui);
    }
    return current;
  }

  private static BannerConfig check(BannerConfig current, String stored) {
    if (!stored.equals(current.sha256())) {
      throw new IllegalStateException("Banner revision " + current.revision()
          + " is archived with other content (sha256 " + stored + "). The banner changed"
          + " without a new revision: raise consent.banner.revision in policy/npprod.yaml.");
    }
    return current;
  }
}
