package se.npprod.privacy.core.consent;

/**
 * The consent interface that collects decisions: the banner's scripts, the banner library as pinned
 * and the banner's texts and settings. {@code uiVersion} is the SHA-256 over them; each record names
 * it, and the interface is archived once per version, so a record can be replayed.
 *
 * @param library the banner library's pinned identity: {@code name@version integrity}
 * @param bannerSha256 the SHA-256 of the banner's texts and settings (archived on their own)
 */
public record ConsentInterface(
    String uiVersion, String library, String bannerSha256, String bannerJs, String consentModeJs) {}
