package se.npprod.privacy.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.consent.InvalidInput;
import se.npprod.privacy.core.consent.InvalidInput.FieldError;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.NewRequest;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.http.Json;

/**
 * The privacy page's request form: {@code email}, {@code type} (access, erasure, rectification,
 * restriction, objection, other), {@code text} and {@code language} (sv, en), as JSON from the
 * page's script or URL-encoded from the plain HTML form. Every problem is named at once.
 */
final class RequestForm {
  static final int MAX_TEXT = 4000;
  static final List<String> TYPES = List.of("access", "erasure", "rectification", "restriction", "objection", "other");

  private RequestForm() {}

  static Map<String, String> fields(byte[] body, boolean json) {
    return json ? jsonFields(body) : formFields(body);
  }

  static NewRequest read(Map<String, String> f, Instant receivedAt) {
    List<FieldError> errors = new ArrayList<>();
    Optional<EmailAddress> email = EmailAddress.parse(f.get("email"));
    if (email.isEmpty()) {
      errors.add(new FieldError("email", "must be your email address, for example namn@example.se"));
    }
    String type = f.get("type");
    if (type == null || !TYPES.contains(type)) {
      errors.add(new FieldError("type", "must be one of " + TYPES));
    }
    String language = f.getOrDefault("language", "sv");
    if (!language.equals("sv") && !language.equals("en")) {
      errors.add(new FieldError("language", "must be sv or en"));
    }
    String text = f.getOrDefault("text", "").strip();
    if (text.length() > MAX_TEXT) {
      errors.add(new FieldError("text", "must be at most " + MAX_TEXT + " characters"));
    }
    if (("rectification".equals(type) || "other".equals(type)) && text.isEmpty()) {
      errors.add(new FieldError("text", "tell us what should be corrected, or what your question is"));
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    RequestType requestType = "other".equals(type) ? RequestType.UNKNOWN : RequestType.fromWire(type).orElseThrow();
    return new NewRequest(Channel.WEB, email.get(), requestType, List.of("form:" + type),
        requestType == RequestType.UNKNOWN ? Optional.of("form-other") : Optional.empty(), language, "", text,
        Optional.empty(), receivedAt);
  }

  static InvalidInput invalid(List<FieldError> errors) {
    return new InvalidInput("invalid-request", "The request is not valid", errors);
  }

  /** A flat JSON object of strings; anything else is refused. */
  private static Map<String, String> jsonFields(byte[] body) {
    Map<String, String> fields = new HashMap<>();
    try (JsonParser json = Json.FACTORY.createParser(body)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw invalid(List.of(new FieldError("body", "must be a JSON object")));
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        if (value == JsonToken.VALUE_NULL) {
          continue;
        }
        if (value != JsonToken.VALUE_STRING) {
          throw invalid(List.of(new FieldError(name, "must be a string")));
        }
        fields.put(name, json.getText());
      }
      if (json.nextToken() != null) {
        throw invalid(List.of(new FieldError("body", "must hold one JSON object and nothing after it")));
      }
      return fields;
    } catch (JsonProcessingException e) {
      throw invalid(List.of(new FieldError("body", "is not valid JSON")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> formFields(byte[] body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        fields.putIfAbsent(name, value);
      } catch (IllegalArgumentException e) {
        throw invalid(List.of(new FieldError("body", "is not valid form data")));
      }
    }
    return fields;
  }
}
