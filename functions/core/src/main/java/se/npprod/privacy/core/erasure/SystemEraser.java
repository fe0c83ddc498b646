package se.npprod.privacy.core.erasure;

import java.util.Map;
import se.npprod.privacy.core.policy.Policy;

/**
 * Port: asks another system of the data map to erase the person (the HTTP connector: a signed POST
 * with action {@code erase}, the identifiers and the request id). The call must be idempotent on
 * the system's side: a crash between the call and our record of it repeats the call.
 */
public interface SystemEraser {
  ConnectorResult erase(Policy.DataSystem system, String requestId, Identifiers identifiers);

  /**
   * The same call for the other rights passed on to recipients (Art. 19): {@code restrict}
   * (Art. 18: keep, use for nothing else), {@code unrestrict} (the restriction lifted, after the
   * person was told) and {@code object} (Art. 21: no profiling, no direct marketing). Idempotent on
   * the system's side, as erasure.
   */
  ConnectorResult perform(Policy.DataSystem system, String action, String requestId, Identifiers identifiers);

  /**
   * Rectification passed on (Art. 16, 19): action {@code rectify} with the corrected fields. The
   * identifiers are those the person was known by before the correction. Idempotent, as erasure.
   */
  ConnectorResult rectify(Policy.DataSystem system, String requestId, Identifiers identifiers, Map<String, String> fields);
}
