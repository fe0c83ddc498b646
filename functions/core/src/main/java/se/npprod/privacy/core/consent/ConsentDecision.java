package se.npprod.privacy.core.consent;

import java.util.Map;

/**
 * A decision as the banner sends it; every field is checked by {@link RecordConsent}.
 *
 * @param decidedAt when the browser says the visitor chose (ISO-8601; the banner always sends it,
 *     which matters for a decision delivered on a later page); kept beside the server's own time,
 *     never trusted as it
 */
public record ConsentDecision(
    String consentId,
    Map<String, Boolean> choices,
    String method,
    Integer bannerRevision,
    String language,
    String pageUrl,
    String decidedAt) {}
