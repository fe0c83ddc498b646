package se.npprod.privacy.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import se.npprod.privacy.core.extract.DataItem;
import se.npprod.privacy.core.extract.SystemData;
import se.npprod.privacy.core.extract.SystemExports;
import se.npprod.privacy.core.policy.Policy;

/**
 * The HTTP export connector: a signed POST to each system's privacy endpoint.
 *
 * <p>The contract for system owners: the body is
 * {@code {"action":"export","requestId":…,"subject":{"email":…,"customerNumbers":[…]}}}; the
 * headers {@code X-NP-Timestamp} (epoch seconds) and {@code X-NP-Signature: v1=<hex>} carry
 * HMAC-SHA256 under the system's key over {@code <timestamp>.<body>}, so a system can refuse
 * forged or replayed calls (reject timestamps more than five minutes off). The answer is 200 with
 * {@code {"items":[{"category","kind","occurredAt","fields":{…}}]}} (an empty list when the
 * system holds nothing). Anything else, or no answer within the timeout, counts as unavailable
 * and the extract waits; it is never sent as if the system held nothing.
 *
 * <p>Each system's URL and key come from the connector secret (JSON {@code {"<system id>":
 * {"url":…,"key":…}}}, see {@link ConnectorSecret}), read when first needed and again after five
 * minutes, so a rotated key is picked up without a deployment.
 */
public final class HttpExports implements SystemExports {
  public static final String SECRET_ENV = "CONNECTORS_SECRET_ARN";
  static final Duration TIMEOUT = Duration.ofSeconds(8);
  private static final int MAX_ITEMS = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final ConnectorSecret connectors;
  private final Clock clock;

  /** @param secret reads the connector secret's current value */
  public HttpExports(Supplier<String> secret, Clock clock) {
    this.connectors = new ConnectorSecret(secret, clock);
    this.clock = clock;
  }

  @Override
  public SystemData export(Policy.DataSystem system, Query query) {
    JsonNode conf = connectors.system(system.id()).orElse(null);
    if (conf == null || !conf.hasNonNull("url") || !conf.hasNonNull("key")) {
      System.out.println("export connector not configured: system=" + system.id());
      return unavailable(system);
    }
    try {
      String body = JSON.writeValueAsString(Map.of("action", "export", "requestId", query.requestId(),
          "subject", Map.of("email", query.email().value(), "customerNumbers", query.customerNumbers())));
      String timestamp = Long.toString(clock.instant().getEpochSecond());
      HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(conf.get("url").asText()))
          .timeout(TIMEOUT)
          .header("Content-Type", "application/json")
          .header("X-NP-Timestamp", timestamp)
          .header("X-NP-Signature", "v1=" + sign(conf.get("key").asText(), timestamp + "." + body))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        System.out.println("export failed: system=" + system.id() + " status=" + response.statusCode());
        return unavailable(system);
      }
      return new SystemData(system.id(), system.name(), SystemData.Status.ANSWERED, items(response.body()));
    } catch (IOException | IllegalArgumentException e) {
      System.out.println("export failed: system=" + system.id() + " (" + e.getClass().getSimpleName() + ")");
      return unavailable(system);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable(system);
    }
  }

  /** The signature a system checks: hex HMAC-SHA256 of {@code <timestamp>.<body>} under its key. */
  public static String sign(String key, String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static List<DataItem> items(byte[] body) throws IOException {
    JsonNode root = JSON.readTree(body);
    JsonNode items = root == null ? null : root.get("items");
    if (items == null || !items.isArray() || items.size() > MAX_ITEMS) {
      throw new IOException("not an export answer");
    }
    List<DataItem> out = new ArrayList<>();
    for (JsonNode item : items) {
      if (!item.path("category").isTextual() || !item.path("kind").isTextual() || !item.path("fields").isObject()) {
        throw new IOException("not an export item");
      }
      Instant at;
      try {
        at = item.hasNonNull("occurredAt") ? Instant.parse(item.get("occurredAt").asText()) : null;
      } catch (java.time.format.DateTimeParseException e) {
        throw new IOException("not an instant");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = JSON.convertValue(item.get("fields"), LinkedHashMap.class);
      out.add(new DataItem(item.get("category").asText(), item.get("kind").asText(), at, fields));
    }
    return out;
  }

  private static SystemData unavailable(Policy.DataSystem system) {
    return new SystemData(system.id(), system.name(), SystemData.Status.UNAVAILABLE, List.of());
  }
}
