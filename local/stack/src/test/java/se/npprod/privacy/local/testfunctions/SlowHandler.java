package se.npprod.privacy.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Test-only function: {@code /slow} outlasts any timeout; anything else answers at once with the
 * JVM's PID, so a test can tell a fresh execution environment from the old one.
 */
public class SlowHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    if (String.valueOf(event.get("rawPath")).endsWith("/slow")) {
      try {
        Thread.sleep(600_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return Map.of("statusCode", 200, "body", Long.toString(ProcessHandle.current().pid()));
  }
}
