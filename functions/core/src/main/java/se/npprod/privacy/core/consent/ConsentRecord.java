package se.npprod.privacy.core.consent;

import java.time.Instant;
import java.util.Map;

/**
 * Proof of one consent decision (EDPB Guidelines 05/2020 §108): who (a pseudonymous id), when,
 * how, what was chosen per category, and exactly which banner and policy version were shown.
 * Never changed once written.
 *
 * @param consentId the visitor's pseudonymous id, made by the server at the first decision
 * @param recordId this decision's id, made by the server
 * @param ipPrefix the client address truncated to /24 (IPv4) or /48 (IPv6); never the whole address
 * @param gpc whether the request carried {@code Sec-GPC: 1}
 * @param expiresAt when the proof goes (the TTL attribute)
 * @param uiVersion the consent interface that collected the decision ({@link ConsentInterface})
 * @param decidedAt when the browser says the visitor chose (it matters for a decision delivered on a
 *     later page); null when the browser did not say. The browser's word, never the proof's time:
 *     that is recordedAt
 */
public record ConsentRecord(
    String consentId,
    String recordId,
    Instant recordedAt,
    Map<String, Boolean> choices,
    ConsentMethod method,
    int bannerRevision,
    String bannerSha256,
    String policyVersion,
    String language,
    String pageUrl,
    String ipPrefix,
    boolean gpc,
    Instant expiresAt,
    Instant decidedAt,
    String uiVersion) {

  public ConsentRecord {
    choices = Map.copyOf(choices);
  }
}
