package se.npprod.privacy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A function's answer read as API Gateway reads a payload 2.0 response ("Create AWS Lambda proxy
 * integrations for HTTP APIs in API Gateway"): an object with {@code statusCode} is taken field by
 * field; any other valid JSON is the body of a 200 {@code application/json} answer; anything else,
 * or fields of the wrong type, is malformed and API Gateway answers 500 instead.
 */
record HttpApiResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Optional<HttpApiResponse> from(byte[] payload) {
    JsonNode response;
    try {
      response = JSON.readTree(payload);
    } catch (IOException notJson) {
      return Optional.empty();
    }
    if (response == null || response.isMissingNode()) {
      return Optional.empty();
    }
    if (!response.isObject() || !response.has("statusCode")) {
      return Optional.of(new HttpApiResponse(200, List.of(Map.entry("Content-Type", "application/json")),
          new String(payload, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8)));
    }
    JsonNode status = response.get("statusCode");
    JsonNode headers = response.path("headers");
    JsonNode multiValueHeaders = response.path("multiValueHeaders");
    JsonNode cookies = response.path("cookies");
    JsonNode body = response.path("body");
    JsonNode base64 = response.path("isBase64Encoded");
    boolean wellFormed = status.canConvertToInt() && status.isIntegralNumber()
        && status.asInt() >= 100 && status.asInt() <= 599
        && (headers.isMissingNode() || headers.isNull() || headers.isObject())
        && (multiValueHeaders.isMissingNode() || multiValueHeaders.isNull() || multiValueHeaders.isObject())
        && (cookies.isMissingNode() || cookies.isNull() || cookies.isArray())
        && (body.isMissingNode() || body.isNull() || body.isTextual())
        && (base64.isMissingNode() || base64.isNull() || base64.isBoolean());
    if (!wellFormed) {
      return Optional.empty();
    }
    List<Map.Entry<String, String>> out = new ArrayList<>();
    headers.fields().forEachRemaining(h -> out.add(Map.entry(h.getKey(), h.getValue().asText())));
    multiValueHeaders.fields().forEachRemaining(h -> h.getValue().forEach(v -> out.add(Map.entry(h.getKey(), v.asText()))));
    cookies.forEach(c -> out.add(Map.entry("Set-Cookie", c.asText())));
    String text = body.isTextual() ? body.asText() : "";
    byte[] bytes;
    try {
      bytes = base64.asBoolean(false) ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    return Optional.of(new HttpApiResponse(status.asInt(), out, bytes));
  }
}
