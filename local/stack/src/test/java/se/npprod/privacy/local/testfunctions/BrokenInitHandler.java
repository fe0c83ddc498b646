package se.npprod.privacy.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Test-only function: its constructor fails, so the runtime reports to /init/error. */
public class BrokenInitHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  public BrokenInitHandler() {
    throw new IllegalStateException("environment variable TABLE_NAME is not set");
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return Map.of();
  }
}
