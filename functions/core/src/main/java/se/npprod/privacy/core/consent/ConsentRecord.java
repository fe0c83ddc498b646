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
    Instant expiresAt) {

  public ConsentRecord {
    choices = Map.copyOf(choices);
  }
}
