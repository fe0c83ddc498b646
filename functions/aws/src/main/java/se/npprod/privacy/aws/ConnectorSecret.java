package se.npprod.privacy.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The connector secret the HTTP connectors share (JSON {@code {"<system id>":{"url":…,
 * "erasureUrl":…,"key":…}}}), read when first needed and again after five minutes, so a rotated
 * key or a moved endpoint is picked up without a deployment. A secret that is not JSON leaves every
 * system unconfigured rather than failing the function: each connector then says what that means
 * for its own work.
 */
final class ConnectorSecret {
  private static final Duration REFRESH = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<String> secret;
  private final Clock clock;
  private volatile Map<String, JsonNode> config;
  private volatile Instant readAt = Instant.MIN;

  /** @param secret reads the connector secret's current value */
  ConnectorSecret(Supplier<String> secret, Clock clock) {
    this.secret = secret;
    this.clock = clock;
  }

  /** The system's entry as the secret currently holds it, if it has one. */
  Optional<JsonNode> system(String systemId) {
    return Optional.ofNullable(config().get(systemId));
  }

  private Map<String, JsonNode> config() {
    Instant now = clock.instant();
    if (config == null || now.isAfter(readAt.plus(REFRESH))) {
      Map<String, JsonNode> read = new LinkedHashMap<>();
      try {
        JsonNode root = JSON.readTree(secret.get());
        if (root != null && root.isObject()) {
          root.fields().forEachRemaining(e -> read.put(e.getKey(), e.getValue()));
        }
      } catch (IOException e) {
        System.out.println("connector secret is not JSON; every HTTP system counts as not configured");
      }
      config = read;
      readAt = now;
    }
    return config;
  }
}
