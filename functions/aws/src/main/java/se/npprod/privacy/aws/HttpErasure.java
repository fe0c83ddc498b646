package se.npprod.privacy.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import se.npprod.privacy.core.erasure.ConnectorResult;
import se.npprod.privacy.core.erasure.Identifiers;
import se.npprod.privacy.core.erasure.SystemEraser;
import se.npprod.privacy.core.policy.Policy;

/**
 * The HTTP erasure connector: a signed POST to each system's erasure endpoint, on the same terms as
 * {@link HttpExports} (same connector secret, same signature), so a system owner implements one
 * contract.
 *
 * <p>The body is {@code {"action":"erase","requestId":…,"subject":{"email":…,"customerNumbers":[…],
 * "phones":[…]}}} (other actions: {@code restrict}, {@code unrestrict}, {@code object}, and
 * {@code rectify}, which adds {@code "fields":{"name":…,"phone":…}}, the corrected values, to
 * set on the person found by the subject's identifiers), sent to the system's {@code erasureUrl}
 * in the connector secret, or to its
 * {@code url} when it has none (one endpoint telling actions apart). The system must treat a
 * repeated request id as done: a crash between its answer and our record of it repeats the call.
 * A 2xx means erased; a numeric {@code erased} in a JSON answer is kept as a count for the audit.
 *
 * <p>What the answer means for the task: a 4xx is the system refusing for good (a bad signature,
 * an unknown endpoint), which waiting will not mend, so a person handles it; a 5xx, no answer in
 * time, no connection or no configuration may mend by itself (an outage, a secret being rotated
 * in), so the task is tried again. Only the system id and the outcome are logged: the request
 * and the answer carry the person's identifiers (and a rectification's corrected values).
 */
public final class HttpErasure implements SystemEraser {
  /** Well inside the erasure function's 60 s, leaving room for the table writes around the call. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  private final ConnectorSecret connectors;
  private final Clock clock;
  private final Duration timeout;

  /** @param secret reads the connector secret's current value */
  public HttpErasure(Supplier<String> secret, Clock clock) {
    this(secret, clock, TIMEOUT);
  }

  /** For tests: a slow system is shown in a second, not in ten. */
  HttpErasure(Supplier<String> secret, Clock clock, Duration timeout) {
    this.connectors = new ConnectorSecret(secret, clock);
    this.clock = clock;
    this.timeout = timeout;
  }

  @Override
  public ConnectorResult erase(Policy.DataSystem system, String requestId, Identifiers identifiers) {
    return perform(system, "erase", requestId, identifiers);
  }

  @Override
  public ConnectorResult perform(Policy.DataSystem system, String action, String requestId, Identifiers identifiers) {
    return logged(system, action, call(system, action, requestId, identifiers, null));
  }

  @Override
  public ConnectorResult rectify(Policy.DataSystem system, String requestId, Identifiers identifiers,
      Map<String, String> fields) {
    return logged(system, "rectify", call(system, "rectify", requestId, identifiers, fields));
  }

  private static ConnectorResult logged(Policy.DataSystem system, String action, ConnectorResult result) {
    System.out.println("erasure call: system=" + system.id() + " action=" + action + " outcome=" + result.outcome()
        + " reason=" + result.reason());
    return result;
  }

  /** @param fields the corrected fields of a rectification; null for every other action */
  private ConnectorResult call(Policy.DataSystem system, String action, String requestId, Identifiers identifiers,
      Map<String, String> fields) {
    Optional<JsonNode> conf = connectors.system(system.id());
    Optional<String> url = conf.flatMap(c -> text(c, "erasureUrl").or(() -> text(c, "url")));
    Optional<String> key = conf.flatMap(c -> text(c, "key"));
    if (url.isEmpty() || key.isEmpty()) {
      return ConnectorResult.retry("not-configured");
    }
    HttpRequest request;
    try {
      String body = body(action, requestId, identifiers, fields);
      String timestamp = Long.toString(clock.instant().getEpochSecond());
      request = HttpRequest.newBuilder(URI.create(url.get()))
          .timeout(timeout)
          .header("Content-Type", "application/json")
          .header("X-NP-Timestamp", timestamp)
          .header("X-NP-Signature", "v1=" + HttpExports.sign(key.get(), timestamp + "." + body))
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
    } catch (IllegalArgumentException e) {
      // A URL that is no URL (or not http): the secret is wrong, and fixing it mends the task.
      return ConnectorResult.retry("not-configured");
    }
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return ConnectorResult.done(counts(response.body()));
      }
      if (status >= 400 && status < 500) {
        return ConnectorResult.failed("http-" + status);
      }
      // 5xx, and the 1xx/3xx the client does not follow: not an answer yet.
      return ConnectorResult.retry("http-" + status);
    } catch (HttpConnectTimeoutException e) {
      return ConnectorResult.retry("unreachable");
    } catch (HttpTimeoutException e) {
      return ConnectorResult.retry("timeout");
    } catch (IOException e) {
      return ConnectorResult.retry("unreachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ConnectorResult.retry("interrupted");
    }
  }

  private static String body(String action, String requestId, Identifiers identifiers, Map<String, String> fields) {
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("email", identifiers.email() == null ? null : identifiers.email().value());
    subject.put("customerNumbers", orEmpty(identifiers.customerNumbers()));
    subject.put("phones", orEmpty(identifiers.phones()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("action", action);
    body.put("requestId", requestId);
    body.put("subject", subject);
    if (fields != null) {
      body.put("fields", fields);
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings and lists always serialise", e);
    }
  }

  /** The system's own count, when it gives one; an answer we cannot read is still a 2xx. */
  private static Map<String, Long> counts(byte[] body) {
    try {
      JsonNode erased = body.length == 0 ? null : JSON.readTree(body).get("erased");
      if (erased != null && erased.isIntegralNumber() && erased.canConvertToLong()) {
        return Map.of("erased", erased.asLong());
      }
    } catch (IOException | RuntimeException e) {
      // not JSON, or JSON without an object at the top: no count, nothing else to say
    }
    return Map.of();
  }

  private static Optional<String> text(JsonNode conf, String field) {
    JsonNode value = conf.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }
}
