package se.npprod.privacy.core.consent;

import java.util.Map;

/** A decision as the banner sends it; every field is checked by {@link RecordConsent}. */
public record ConsentDecision(
    String consentId,
    Map<String, Boolean> choices,
    String method,
    Integer bannerRevision,
    String language,
    String pageUrl) {}
