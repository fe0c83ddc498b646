package se.npprod.privacy.intake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.consent.InvalidInput;
import se.npprod.privacy.core.consent.InvalidInput.FieldError;
import se.npprod.privacy.core.erasure.ConfirmRectification;
import se.npprod.privacy.core.erasure.CorrectedFields;
import se.npprod.privacy.core.erasure.ScheduleRestrictionLift;
import se.npprod.privacy.core.retention.PlaceHold;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.http.HttpApi;
import se.npprod.privacy.http.Json;

/**
 * The privacy team's routes that act on a request after a person has read it: the corrected fields
 * of a rectification ({@code POST /team/requests/{requestId}/rectification}) and the lift of a
 * restriction ({@code POST /team/requests/{requestId}/restriction-lift}). As the extension route,
 * API Gateway lets only IAM-signed calls through (template.yaml: AWS_IAM) and the caller's ARN goes
 * into the audit events; a call without one did not come through that door and gets 403. Bodies
 * hold personal data (corrected values, a reason about the person): only outcomes and request ids
 * are logged.
 */
final class TeamApi {
  static final String POST_RECTIFICATION = "POST /team/requests/{requestId}/rectification";
  static final String POST_RESTRICTION_LIFT = "POST /team/requests/{requestId}/restriction-lift";
  static final String POST_HOLD = "POST /team/holds";
  static final int MAX_HOLD_REASON = 500;
  static final int MAX_REASON = 2000;
  /** What a corrected value that is not a string becomes: something {@link CorrectedFields} names as such. */
  private static final Object NOT_A_STRING = new Object();

  private final ConfirmRectification rectification;
  private final ScheduleRestrictionLift lifts;
  private final PlaceHold holds;

  TeamApi(ConfirmRectification rectification, ScheduleRestrictionLift lifts, PlaceHold holds) {
    this.rectification = rectification;
    this.lifts = lifts;
    this.holds = holds;
  }

  /** The privacy team member's IAM principal, as API Gateway's IAM authorizer passes it on. */
  static Optional<String> caller(APIGatewayV2HTTPEvent event) {
    var context = event.getRequestContext();
    String arn = context == null || context.getAuthorizer() == null || context.getAuthorizer().getIam() == null
        ? null : context.getAuthorizer().getIam().getUserArn();
    return arn == null || arn.isBlank() ? Optional.empty() : Optional.of(arn);
  }

  /** {@code {"fields":{"name":…,"phone":…}}}: the values the team confirmed, for a VERIFIED rectification. */
  APIGatewayV2HTTPResponse rectification(APIGatewayV2HTTPEvent event) {
    Optional<String> caller = caller(event);
    if (caller.isEmpty()) {
      return forbidden("Only the privacy team may confirm a rectification");
    }
    byte[] body = HttpApi.body(event);
    if (body.length > IntakeApi.MAX_BODY_BYTES) {
      return HttpApi.problem(413, "body-too-large", "The corrected fields are too long", null, List.of(), Map.of());
    }
    List<FieldError> errors = new ArrayList<>();
    String requestId = requestId(event, errors);
    Map<String, Object> fields = fields(body, errors);
    if (fields != null) {
      try {
        CorrectedFields.read(fields);
      } catch (InvalidInput e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput("invalid-rectification", "The rectification is not valid", errors);
    }
    ConfirmRectification.Outcome outcome = rectification.confirm(requestId, fields, caller.get());
    System.out.println("rectification " + outcome.name().toLowerCase(Locale.ROOT) + " id=" + requestId);
    return switch (outcome) {
      case PLANNED -> HttpApi.json(200, Json.write(j -> {
        j.writeStartObject();
        j.writeStringField("outcome", "planned");
        j.writeArrayFieldStart("fields");
        for (String name : CorrectedFields.names()) {
          if (fields.containsKey(name)) {
            j.writeString(name);
          }
        }
        j.writeEndArray();
        j.writeEndObject();
      }), Map.of());
      case UNKNOWN -> notFound();
      case NOT_A_VERIFIED_RECTIFICATION -> HttpApi.problem(409, "not-a-verified-rectification",
          "The request is not a verified rectification waiting for its corrected fields",
          "Corrected fields are taken for a verified rectification until it is passed on, once.", List.of(), Map.of());
    };
  }

  /** {@code {"reason":"…"}}: why a COMPLETED restriction ends; the person is told before it does. */
  APIGatewayV2HTTPResponse restrictionLift(APIGatewayV2HTTPEvent event) {
    Optional<String> caller = caller(event);
    if (caller.isEmpty()) {
      return forbidden("Only the privacy team may lift a restriction");
    }
    byte[] body = HttpApi.body(event);
    if (body.length > IntakeApi.MAX_BODY_BYTES) {
      return HttpApi.problem(413, "body-too-large", "The reason is too long", null, List.of(), Map.of());
    }
    List<FieldError> errors = new ArrayList<>();
    String requestId = requestId(event, errors);
    String reason = RequestForm.fields(body, true).getOrDefault("reason", "").strip();
    if (reason.isEmpty() || reason.length() > MAX_REASON) {
      errors.add(new FieldError("reason", "why the restriction ends, as the person is told it: 1 to " + MAX_REASON
          + " characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput("invalid-restriction-lift", "The restriction's lift is not valid", errors);
    }
    ScheduleRestrictionLift.Result result = lifts.announce(requestId, reason, caller.get());
    System.out.println("restriction lift " + result.outcome().name().toLowerCase(Locale.ROOT) + " id=" + requestId);
    return switch (result.outcome()) {
      case SCHEDULED -> HttpApi.json(200, Json.write(j -> {
        j.writeStartObject();
        j.writeStringField("outcome", "scheduled");
        j.writeStringField("liftAt", result.liftAt().orElseThrow().toString());
        j.writeEndObject();
      }), Map.of());
      case UNKNOWN -> notFound();
      case NOT_A_COMPLETED_RESTRICTION -> HttpApi.problem(409, "not-a-completed-restriction",
          "The request is not a completed restriction", "Only a restriction in force can be lifted.", List.of(), Map.of());
      case ALREADY_SCHEDULED -> HttpApi.problem(409, "lift-already-scheduled", "The lift was scheduled before",
          "The person has been told; the restriction is lifted at " + result.liftAt().map(Object::toString).orElse("the time told")
              + ".", List.of(), Map.of());
    };
  }

  /**
   * {@code {"email":…,"reason":…,"until":"yyyy-mm-dd"}}: a legal hold on a person, placed, moved or
   * (with a past date) ended. The answer is the same whether or not we hold anything on the address.
   */
  APIGatewayV2HTTPResponse hold(APIGatewayV2HTTPEvent event) {
    Optional<String> caller = caller(event);
    if (caller.isEmpty()) {
      return forbidden("Only the privacy team may place a legal hold");
    }
    byte[] body = HttpApi.body(event);
    if (body.length > IntakeApi.MAX_BODY_BYTES) {
      return HttpApi.problem(413, "body-too-large", "The hold is too long", null, List.of(), Map.of());
    }
    Map<String, String> fields = RequestForm.fields(body, true);
    List<FieldError> errors = new ArrayList<>();
    Optional<EmailAddress> email = EmailAddress.parse(fields.getOrDefault("email", ""));
    if (email.isEmpty()) {
      errors.add(new FieldError("email", "the person's email address"));
    }
    String reason = fields.getOrDefault("reason", "").strip();
    if (reason.isEmpty() || reason.length() > MAX_HOLD_REASON) {
      errors.add(new FieldError("reason", "why the data must be kept (a case, an order): 1 to " + MAX_HOLD_REASON
          + " characters"));
    }
    LocalDate until = null;
    try {
      until = LocalDate.parse(fields.getOrDefault("until", ""));
    } catch (DateTimeParseException e) {
      errors.add(new FieldError("until", "the last day of the hold, yyyy-mm-dd (a past day ends it)"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput("invalid-hold", "The legal hold is not valid", errors);
    }
    PlaceHold.Result result = holds.place(email.get(), reason, until, caller.get());
    System.out.println("legal hold " + result.outcome().name().toLowerCase(Locale.ROOT));
    return HttpApi.json(200, Json.write(j -> {
      j.writeStartObject();
      j.writeStringField("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
      j.writeStringField("until", result.until().toString());
      j.writeEndObject();
    }), Map.of());
  }

  private static String requestId(APIGatewayV2HTTPEvent event, List<FieldError> errors) {
    String id = event.getPathParameters() == null ? null : event.getPathParameters().get("requestId");
    if (id == null || !id.matches("[a-z2-7]{26}")) {
      errors.add(new FieldError("requestId", "must be a request id"));
    }
    return id;
  }

  /**
   * The body's {@code fields} object, its values as sent: a string stays a string, anything else
   * becomes a marker that {@link CorrectedFields} refuses by name. Null (with the error noted)
   * when the body is no such object.
   */
  private static Map<String, Object> fields(byte[] body, List<FieldError> errors) {
    Map<String, Object> fields = null;
    try (JsonParser json = Json.FACTORY.createParser(body)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        errors.add(new FieldError("body", "must be a JSON object: {\"fields\":{…}}"));
        return null;
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        if (!name.equals("fields")) {
          errors.add(new FieldError(name, "unknown member; send {\"fields\":{…}}"));
          json.skipChildren();
        } else if (value != JsonToken.START_OBJECT) {
          errors.add(new FieldError("fields", "must be an object of corrected fields"));
          json.skipChildren();
        } else {
          fields = new LinkedHashMap<>();
          while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken v = json.nextToken();
            fields.put(field, v == JsonToken.VALUE_STRING ? json.getText() : NOT_A_STRING);
            json.skipChildren();
          }
        }
      }
      if (json.nextToken() != null) {
        errors.add(new FieldError("body", "must hold one JSON object and nothing after it"));
      }
      if (fields == null && errors.isEmpty()) {
        errors.add(new FieldError("fields", "give at least one corrected field: " + String.join(", ", CorrectedFields.names())));
      }
      return fields;
    } catch (JsonProcessingException e) {
      errors.add(new FieldError("body", "is not valid JSON"));
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static APIGatewayV2HTTPResponse forbidden(String title) {
    return HttpApi.problem(403, "not-authorised", title, "Sign the call with the privacy team's AWS credentials.",
        List.of(), Map.of());
  }

  private static APIGatewayV2HTTPResponse notFound() {
    return HttpApi.problem(404, "request-not-found", "No such request", null, List.of(), Map.of());
  }
}
