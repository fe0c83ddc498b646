package se.npprod.privacy.core.consent;

import java.time.Instant;
import java.util.List;

/**
 * A visitor's current consent and every decision behind it.
 *
 * @param history the newest decisions (at most the policy's {@code consent.limits.historyShown}), oldest first
 * @param totalDecisions how many decisions the visitor has made in all
 * @param upToDate false when the banner has a newer revision or the re-consent interval has
 *     passed: the banner must ask again
 */
public record ConsentState(
    String consentId,
    ConsentRecord current,
    List<ConsentRecord> history,
    long totalDecisions,
    Instant reconsentDue,
    boolean upToDate) {}
