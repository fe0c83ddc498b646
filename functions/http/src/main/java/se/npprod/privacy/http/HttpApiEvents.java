package se.npprod.privacy.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the payload 2.0 event and writes the response with the function's own Jackson streaming
 * API, for handlers that take the stream ({@code RequestStreamHandler}). The runtime would otherwise
 * bind the same types with its own shaded copy of Jackson databind, and a databind mapper of our
 * own would cost as much (see {@link Json}): a second JSON library to load and warm at every cold
 * start. Fields are those of the two types as the runtime binds them; fields the event type does
 * not have are skipped, as the runtime does. Not bound: {@code requestContext.authorizer} and
 * {@code authentication} (no route of these functions has an authorizer).
 */
public final class HttpApiEvents {
  private HttpApiEvents() {}

  public static APIGatewayV2HTTPEvent read(InputStream in) throws IOException {
    try (JsonParser json = Json.FACTORY.createParser(in)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("the event is not a JSON object");
      }
      APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        json.nextToken();
        switch (name) {
          case "version" -> event.setVersion(string(json));
          case "routeKey" -> event.setRouteKey(string(json));
          case "rawPath" -> event.setRawPath(string(json));
          case "rawQueryString" -> event.setRawQueryString(string(json));
          case "cookies" -> event.setCookies(strings(json));
          case "headers" -> event.setHeaders(stringMap(json));
          case "queryStringParameters" -> event.setQueryStringParameters(stringMap(json));
          case "pathParameters" -> event.setPathParameters(stringMap(json));
          case "stageVariables" -> event.setStageVariables(stringMap(json));
          case "body" -> event.setBody(string(json));
          case "isBase64Encoded" -> event.setIsBase64Encoded(json.getValueAsBoolean());
          case "requestContext" -> event.setRequestContext(requestContext(json));
          default -> json.skipChildren();
        }
      }
      return event;
    }
  }

  public static void write(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
    // Nulls left out, as the runtime's serialiser (NON_NULL) does.
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("statusCode", response.getStatusCode());
      if (response.getHeaders() != null) {
        json.writeObjectFieldStart("headers");
        for (Map.Entry<String, String> h : response.getHeaders().entrySet()) {
          json.writeStringField(h.getKey(), h.getValue());
        }
        json.writeEndObject();
      }
      if (response.getMultiValueHeaders() != null) {
        json.writeObjectFieldStart("multiValueHeaders");
        for (Map.Entry<String, List<String>> h : response.getMultiValueHeaders().entrySet()) {
          json.writeArrayFieldStart(h.getKey());
          for (String v : h.getValue()) {
            json.writeString(v);
          }
          json.writeEndArray();
        }
        json.writeEndObject();
      }
      if (response.getCookies() != null) {
        json.writeArrayFieldStart("cookies");
        for (String c : response.getCookies()) {
          json.writeString(c);
        }
        json.writeEndArray();
      }
      if (response.getBody() != null) {
        json.writeStringField("body", response.getBody());
      }
      json.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
      json.writeEndObject();
    }
  }

  private static APIGatewayV2HTTPEvent.RequestContext requestContext(JsonParser json) throws IOException {
    if (json.currentToken() != JsonToken.START_OBJECT) {
      json.skipChildren();
      return null;
    }
    APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      json.nextToken();
      switch (name) {
        case "routeKey" -> context.setRouteKey(string(json));
        case "accountId" -> context.setAccountId(string(json));
        case "stage" -> context.setStage(string(json));
        case "apiId" -> context.setApiId(string(json));
        case "domainName" -> context.setDomainName(string(json));
        case "domainPrefix" -> context.setDomainPrefix(string(json));
        case "time" -> context.setTime(string(json));
        case "timeEpoch" -> context.setTimeEpoch(json.getValueAsLong());
        case "requestId" -> context.setRequestId(string(json));
        case "http" -> context.setHttp(http(json));
        case "authorizer" -> context.setAuthorizer(authorizer(json));
        default -> json.skipChildren();
      }
    }
    return context;
  }

  /** Only what an IAM-authorised route gets: who signed the request (no JWT or Lambda authorizers here). */
  private static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(JsonParser json) throws IOException {
    if (json.currentToken() != JsonToken.START_OBJECT) {
      json.skipChildren();
      return null;
    }
    APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      json.nextToken();
      if (name.equals("iam") && json.currentToken() == JsonToken.START_OBJECT) {
        APIGatewayV2HTTPEvent.RequestContext.IAM iam = new APIGatewayV2HTTPEvent.RequestContext.IAM();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String field = json.currentName();
          json.nextToken();
          switch (field) {
            case "accountId" -> iam.setAccountId(string(json));
            case "callerId" -> iam.setCallerId(string(json));
            case "userArn" -> iam.setUserArn(string(json));
            case "userId" -> iam.setUserId(string(json));
            default -> json.skipChildren();
          }
        }
        authorizer.setIam(iam);
      } else {
        json.skipChildren();
      }
    }
    return authorizer;
  }

  private static APIGatewayV2HTTPEvent.RequestContext.Http http(JsonParser json) throws IOException {
    if (json.currentToken() != JsonToken.START_OBJECT) {
      json.skipChildren();
      return null;
    }
    APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      json.nextToken();
      switch (name) {
        case "method" -> http.setMethod(string(json));
        case "path" -> http.setPath(string(json));
        case "protocol" -> http.setProtocol(string(json));
        case "sourceIp" -> http.setSourceIp(string(json));
        case "userAgent" -> http.setUserAgent(string(json));
        default -> json.skipChildren();
      }
    }
    return http;
  }

  /** A scalar as text (as databind coerces it for a String property); null for null. */
  private static String string(JsonParser json) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!json.currentToken().isScalarValue()) {
      throw new IOException("expected a string in the event, found " + json.currentToken());
    }
    return json.getText();
  }

  private static List<String> strings(JsonParser json) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (json.currentToken() != JsonToken.START_ARRAY) {
      throw new IOException("expected an array in the event, found " + json.currentToken());
    }
    List<String> list = new ArrayList<>();
    while (json.nextToken() != JsonToken.END_ARRAY) {
      list.add(string(json));
    }
    return list;
  }

  private static Map<String, String> stringMap(JsonParser json) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (json.currentToken() != JsonToken.START_OBJECT) {
      throw new IOException("expected an object in the event, found " + json.currentToken());
    }
    Map<String, String> map = new LinkedHashMap<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      json.nextToken();
      map.put(name, string(json));
    }
    return map;
  }
}
