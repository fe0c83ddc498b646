package se.npprod.privacy.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cross-origin rules from the policy: only the listed origins may call from a browser. A request
 * whose Origin is the API's own host is same-origin and needs no listing.
 */
public final class Cors {
  private final List<String> allowedOrigins;
  private final String allowedMethods;

  public Cors(List<String> allowedOrigins, String allowedMethods) {
    this.allowedOrigins = List.copyOf(allowedOrigins);
    this.allowedMethods = allowedMethods;
  }

  /** Empty when the caller is a browser on an origin the policy does not list. */
  public Optional<Map<String, String>> headersFor(APIGatewayV2HTTPEvent event) {
    Optional<String> origin = HttpApi.header(event, "Origin");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Vary", "Origin");
    if (origin.isEmpty()) {
      return Optional.of(headers); // not a browser's cross-origin call
    }
    if (sameOrigin(origin.get(), HttpApi.header(event, "Host").orElse(""))) {
      return Optional.of(headers);
    }
    if (!allowedOrigins.contains(origin.get())) {
      return Optional.empty();
    }
    headers.put("Access-Control-Allow-Origin", origin.get());
    return Optional.of(headers);
  }

  /** Headers answering a preflight (OPTIONS) request. */
  public Optional<Map<String, String>> preflight(APIGatewayV2HTTPEvent event) {
    return headersFor(event).map(h -> {
      Map<String, String> all = new LinkedHashMap<>(h);
      all.put("Access-Control-Allow-Methods", allowedMethods);
      all.put("Access-Control-Allow-Headers", "Content-Type");
      all.put("Access-Control-Max-Age", "600");
      return all;
    });
  }

  private static boolean sameOrigin(String origin, String host) {
    try {
      URI uri = URI.create(origin);
      String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return !host.isEmpty() && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
