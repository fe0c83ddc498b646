package se.npprod.privacy.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.TreeSet;

/** Test-only function: answers the names of its environment variables, comma-separated (names only: values may be secret). */
public class EnvironmentHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return Map.of("statusCode", 200, "body", String.join(",", new TreeSet<>(System.getenv().keySet())));
  }
}
