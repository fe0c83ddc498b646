package se.npprod.privacy.core.request;

import java.time.Instant;
import java.util.Map;

/**
 * One step in a request's life, for the privacy team and as accountability (Art. 5(2)). Only
 * codes, ids and counts: never an address, a name or the person's words.
 */
public record AuditEvent(String requestId, Instant at, String what, Map<String, String> details) {
  public static AuditEvent of(String requestId, Instant at, String what) {
    return new AuditEvent(requestId, at, what, Map.of());
  }
}
