package se.npprod.privacy.core.consent;

import java.util.Optional;

/** Port: every banner revision ever shown, kept so each consent record can show what was seen. */
public interface BannerArchive {

  Optional<BannerConfig> find(int revision);

  /** The SHA-256 of the archived revision, without reading its text: enough to check a banner against it. */
  Optional<String> storedSha256(int revision);

  /** Stores a revision unless one is stored already; returns the SHA-256 of what is stored afterwards. */
  String archiveIfAbsent(BannerConfig banner);

  /**
   * In one read: the archived banner revision's SHA-256, if any, and whether the consent interface
   * {@code uiVersion} is archived.
   */
  Archived archived(int bannerRevision, String uiVersion);

  /** Stores the consent interface under its version unless it is stored already. */
  void archiveInterfaceIfAbsent(ConsentInterface ui);

  /** What {@link #archived} found. */
  record Archived(java.util.Optional<String> bannerSha256, boolean interfaceArchived) {}
}
