package se.npprod.privacy.core.consent;

import java.util.Optional;

/** Port: every banner revision ever shown, kept so each consent record can show what was seen. */
public interface BannerArchive {

  Optional<BannerConfig> find(int revision);

  /** Stores a revision unless one is stored already; returns what is stored afterwards. */
  BannerConfig archiveIfAbsent(BannerConfig banner);
}
