package se.npprod.privacy.consent;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.npprod.privacy.core.consent.BannerConfig;
import se.npprod.privacy.core.consent.ConsentDecision;
import se.npprod.privacy.core.consent.ConsentRecord;
import se.npprod.privacy.core.consent.ConsentState;
import se.npprod.privacy.core.consent.InvalidInput;
import se.npprod.privacy.core.consent.InvalidInput.FieldError;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.http.Json;

/**
 * The consent API's JSON, field by field with Jackson's streaming API (why: {@link Json}). Reading
 * is strict: an unknown field, a value of the wrong type, trailing content or an empty body is a
 * 400 naming every bad field at once, in words about JSON, never about Java classes.
 */
final class ConsentJson {
  private ConsentJson() {}

  static ConsentDecision decision(byte[] body) {
    List<FieldError> errors = new ArrayList<>();
    try (JsonParser json = Json.FACTORY.createParser(body)) {
      JsonToken first = json.nextToken();
      if (first == null) {
        throw InvalidInput.badRequest(List.of(new FieldError("body", "the body is empty")));
      }
      if (first != JsonToken.START_OBJECT) {
        json.skipChildren();
        requireEnd(json);
        throw InvalidInput.badRequest(List.of(new FieldError("body", "must be a JSON object")));
      }
      String consentId = null;
      Map<String, Boolean> choices = null;
      String method = null;
      Integer bannerRevision = null;
      String language = null;
      String pageUrl = null;
      String decidedAt = null;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        json.nextToken();
        switch (name) {
          case "consentId" -> consentId = string(json, name, errors);
          case "choices" -> choices = choices(json, errors);
          case "method" -> method = string(json, name, errors);
          case "bannerRevision" -> bannerRevision = integer(json, name, errors);
          case "language" -> language = string(json, name, errors);
          case "pageUrl" -> pageUrl = string(json, name, errors);
          case "decidedAt" -> decidedAt = string(json, name, errors);
          default -> {
            errors.add(new FieldError(name, "is not a field of a consent decision"));
            json.skipChildren();
          }
        }
      }
      requireEnd(json);
      if (!errors.isEmpty()) {
        throw InvalidInput.badRequest(errors);
      }
      return new ConsentDecision(consentId, choices, method, bannerRevision, language, pageUrl, decidedAt);
    } catch (JsonProcessingException e) {
      throw new InvalidInput("malformed-json", "The body is not valid JSON",
          List.of(new FieldError("body", e.getOriginalMessage())));
    } catch (IOException e) {
      throw new InvalidInput("malformed-json", "The body could not be read", List.of());
    }
  }

  /** Anything after the one value, even another value, makes the body malformed. */
  private static void requireEnd(JsonParser json) throws IOException {
    JsonToken extra = json.nextToken();
    if (extra != null) {
      throw new InvalidInput("malformed-json", "The body is not valid JSON",
          List.of(new FieldError("body", "unexpected content after the decision")));
    }
  }

  private static String string(JsonParser json, String field, List<FieldError> errors) throws IOException {
    return switch (json.currentToken()) {
      case VALUE_NULL -> null;
      case VALUE_STRING -> json.getText();
      default -> {
        errors.add(new FieldError(field, "must be a string"));
        json.skipChildren();
        yield null;
      }
    };
  }

  private static Integer integer(JsonParser json, String field, List<FieldError> errors) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (json.currentToken() == JsonToken.VALUE_NUMBER_INT && json.getNumberType() == JsonParser.NumberType.INT) {
      return json.getIntValue();
    }
    errors.add(new FieldError(field, "must be a whole number"));
    json.skipChildren();
    return null;
  }

  private static Map<String, Boolean> choices(JsonParser json, List<FieldError> errors) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (json.currentToken() != JsonToken.START_OBJECT) {
      errors.add(new FieldError("choices", "must be an object of categories and true or false"));
      json.skipChildren();
      return null;
    }
    Map<String, Boolean> choices = new LinkedHashMap<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String category = json.currentName();
      switch (json.nextToken()) {
        case VALUE_TRUE -> choices.put(category, true);
        case VALUE_FALSE -> choices.put(category, false);
        case VALUE_NULL -> choices.put(category, null);
        default -> {
          errors.add(new FieldError("choices." + category, "must be true or false"));
          json.skipChildren();
        }
      }
    }
    return choices;
  }

  /** The whole record, answered to the request that made it. */
  static String record(ConsentRecord record) {
    return Json.write(json -> record(json, record, true));
  }

  /**
   * A visitor's state as {@code GET /consent/{consentId}} shows it to anyone holding the id: the
   * choices and the proof of what was shown, but not the address prefix or the pages.
   */
  static String state(ConsentState state) {
    return Json.write(json -> {
      json.writeStartObject();
      json.writeStringField("consentId", state.consentId());
      json.writeFieldName("current");
      record(json, state.current(), false);
      json.writeArrayFieldStart("history");
      for (ConsentRecord record : state.history()) {
        record(json, record, false);
      }
      json.writeEndArray();
      json.writeNumberField("totalDecisions", state.totalDecisions());
      Json.field(json, "reconsentDue", state.reconsentDue());
      json.writeBooleanField("upToDate", state.upToDate());
      json.writeEndObject();
    });
  }

  /** The banner configuration: the archived canonical JSON exactly as stored, so the served text is the one its hash covers. */
  static String config(BannerConfig banner, Policy policy) {
    return Json.write(json -> {
      json.writeStartObject();
      json.writeNumberField("revision", banner.revision());
      json.writeStringField("sha256", banner.sha256());
      json.writeStringField("policyVersion", policy.version());
      json.writeNumberField("reconsentAfterMonths", policy.consent().reconsentAfter().toTotalMonths());
      json.writeFieldName("banner");
      json.writeRawValue(banner.canonicalJson());
      json.writeEndObject();
    });
  }

  /**
   * Its fields in the record's order, nulls written, as the wire format has always had them.
   *
   * @param whole with the address prefix and the page, which only the request that made the
   *     record is shown
   */
  private static void record(JsonGenerator json, ConsentRecord r, boolean whole) throws IOException {
    if (r == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    json.writeStringField("consentId", r.consentId());
    json.writeStringField("recordId", r.recordId());
    Json.field(json, "recordedAt", r.recordedAt());
    json.writeObjectFieldStart("choices");
    for (Map.Entry<String, Boolean> choice : r.choices().entrySet()) {
      json.writeBooleanField(choice.getKey(), choice.getValue());
    }
    json.writeEndObject();
    json.writeStringField("method", r.method() == null ? null : r.method().wire());
    json.writeNumberField("bannerRevision", r.bannerRevision());
    json.writeStringField("bannerSha256", r.bannerSha256());
    json.writeStringField("policyVersion", r.policyVersion());
    json.writeStringField("language", r.language());
    if (whole) {
      json.writeStringField("pageUrl", r.pageUrl());
      json.writeStringField("ipPrefix", r.ipPrefix());
    }
    json.writeBooleanField("gpc", r.gpc());
    Json.field(json, "expiresAt", r.expiresAt());
    Json.field(json, "decidedAt", r.decidedAt());
    json.writeStringField("uiVersion", r.uiVersion());
    json.writeEndObject();
  }
}
