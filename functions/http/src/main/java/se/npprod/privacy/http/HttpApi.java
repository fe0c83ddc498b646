package se.npprod.privacy.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.consent.InvalidInput;
import se.npprod.privacy.core.port.Unavailable;

/** Request and response plumbing for API Gateway HTTP API (payload 2.0) handlers. */
public final class HttpApi {
  private static final String PROBLEM_BASE = "https://npprod.se/problems/";
  /** Seconds a client should wait after a 503: long enough for a retried DynamoDB call to succeed. */
  static final String RETRY_AFTER_SECONDS = "5";

  private HttpApi() {}

  /** Header lookup; API Gateway lower-cases names, but tests and proxies may not. */
  public static Optional<String> header(APIGatewayV2HTTPEvent event, String name) {
    if (event.getHeaders() == null) {
      return Optional.empty();
    }
    return event.getHeaders().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** The raw body bytes, decoding the base64 that API Gateway uses for non-text payloads. */
  public static byte[] body(APIGatewayV2HTTPEvent event) {
    String body = event.getBody();
    if (body == null) {
      return new byte[0];
    }
    return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The API's own origin as the caller addressed it ({@code X-Forwarded-Proto} and {@code Host},
   * both set by API Gateway), or null without a Host.
   */
  public static String ownOrigin(APIGatewayV2HTTPEvent event) {
    return header(event, "Host").map(host -> {
      int colon = portColon(host);
      int port = colon > 0 ? parsePort(host.substring(colon + 1)) : -1;
      return se.npprod.privacy.core.consent.RecordConsent.origin(
          https(event) ? "https" : "http", colon > 0 ? host.substring(0, colon) : host, port);
    }).orElse(null);
  }

  /** The host the caller addressed, without its port; null without a Host header. */
  public static String host(APIGatewayV2HTTPEvent event) {
    return header(event, "Host").map(host -> {
      int colon = portColon(host);
      return colon > 0 ? host.substring(0, colon) : host;
    }).orElse(null);
  }

  /** Whether the caller came over HTTPS ({@code X-Forwarded-Proto}; API Gateway serves HTTPS only). */
  public static boolean https(APIGatewayV2HTTPEvent event) {
    return !"http".equalsIgnoreCase(header(event, "X-Forwarded-Proto").orElse("https"));
  }

  /** The colon before a Host header's port, or -1; an IPv6 literal's own colons are inside brackets. */
  private static int portColon(String host) {
    int colon = host.lastIndexOf(':');
    return colon > 0 && host.indexOf(']') < colon ? colon : -1;
  }

  private static int parsePort(String port) {
    try {
      return Integer.parseInt(port);
    } catch (NumberFormatException e) {
      return -2;
    }
  }

  public static String sourceIp(APIGatewayV2HTTPEvent event) {
    var context = event.getRequestContext();
    return context == null || context.getHttp() == null ? null : context.getHttp().getSourceIp();
  }

  public static APIGatewayV2HTTPResponse json(int status, String body, Map<String, String> headers) {
    return respond(status, "application/json; charset=utf-8", body, headers);
  }

  public static APIGatewayV2HTTPResponse empty(int status, Map<String, String> headers) {
    return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(new LinkedHashMap<>(headers)).build();
  }

  /** An RFC 9457 problem document. */
  public static APIGatewayV2HTTPResponse problem(
      int status, String type, String title, String detail, List<InvalidInput.FieldError> errors,
      Map<String, String> headers) {
    String body = Json.write(json -> {
      json.writeStartObject();
      json.writeStringField("type", PROBLEM_BASE + type);
      json.writeStringField("title", title);
      json.writeNumberField("status", status);
      if (detail != null) {
        json.writeStringField("detail", detail);
      }
      if (!errors.isEmpty()) {
        json.writeArrayFieldStart("errors");
        for (InvalidInput.FieldError error : errors) {
          json.writeStartObject();
          json.writeStringField("field", error.field());
          json.writeStringField("message", error.message());
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    });
    Map<String, String> noCache = new LinkedHashMap<>(headers);
    noCache.put("Cache-Control", "no-store");
    return respond(status, "application/problem+json", body, noCache);
  }

  /** Input the caller must fix: always 400, with every bad field listed. */
  public static APIGatewayV2HTTPResponse problem(InvalidInput e, Map<String, String> headers) {
    return problem(400, e.type(), e.getMessage(), null, e.errors(), headers);
  }

  /** One caller's allowance is used up: 429 with the seconds until it is renewed; nothing was written. */
  public static APIGatewayV2HTTPResponse tooManyRequests(long retryAfterSeconds, String detail,
      Map<String, String> headers) {
    return tooManyRequests(retryAfterSeconds, "too-many-decisions", "Too many decisions for this visitor today", detail,
        headers);
  }

  /** 429 with a problem type and title of the caller's choosing. */
  public static APIGatewayV2HTTPResponse tooManyRequests(long retryAfterSeconds, String type, String title,
      String detail, Map<String, String> headers) {
    Map<String, String> retry = new LinkedHashMap<>(headers);
    retry.put("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    return problem(429, type, title, detail, List.of(), retry);
  }

  /** An HTML page (the confirmation pages a person opens from a mail). */
  public static APIGatewayV2HTTPResponse html(int status, String body, Map<String, String> headers) {
    return respond(status, "text/html; charset=utf-8", body, headers);
  }

  /** A dependency that did not answer: 503 with Retry-After; nothing in it names the dependency's data. */
  public static APIGatewayV2HTTPResponse problem(Unavailable e, Map<String, String> headers) {
    Map<String, String> retry = new LinkedHashMap<>(headers);
    retry.put("Retry-After", RETRY_AFTER_SECONDS);
    return problem(503, "temporarily-unavailable", "The service is temporarily unavailable",
        "Nothing was recorded. Please try again in a moment.", List.of(), retry);
  }

  /** Responses are never cached unless the caller says otherwise. */
  private static APIGatewayV2HTTPResponse respond(
      int status, String contentType, String body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", contentType);
    all.putIfAbsent("Cache-Control", "no-store");
    return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(all).withBody(body).build();
  }
}
