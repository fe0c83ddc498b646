package se.npprod.privacy.core.consent;

import java.time.Instant;
import java.util.List;

/**
 * A visitor's current consent and every decision behind it.
 *
 * @param upToDate false when the banner has a newer revision or the re-consent interval has
 *     passed: the banner must ask again
 */
public record ConsentState(
    String consentId, ConsentRecord current, List<ConsentRecord> history, Instant reconsentDue, boolean upToDate) {}
