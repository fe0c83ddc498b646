package se.npprod.privacy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.Endpoints;
import software.amazon.event.ruler.Machine;

/**
 * Plays Amazon EventBridge for template.yaml's rules: the PutEvents action of its API (AWS JSON 1.1,
 * as the SDK's EventBridgeClient speaks it, so the shop's systems and {@code ./dev put-event} use the
 * real client through {@code AWS_ENDPOINT_URL_EVENTBRIDGE}); each entry is matched against the
 * rules of its bus with Event Ruler, the matching library EventBridge itself is built on, and every
 * function a matching rule targets is invoked asynchronously with the event as EventBridge delivers
 * it. Other actions (rules, buses, archives) come from the template, not from the API.
 */
final class EventBus implements AutoCloseable {
  /** The account the local stack plays, as in every ARN it hands out. */
  static final String ACCOUNT = "000000000000";
  static final int MAX_ENTRIES = 10;
  /** A PutEvents entry's size limit, counted as EventBridge counts it. */
  static final int MAX_ENTRY_BYTES = 256 * 1024;
  private static final String JSON_11 = "application/x-amz-json-1.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One rule's functions. */
  private record Route(String rule, List<FunctionPool> targets) {}

  private final HttpServer server;
  private final Map<String, Machine> buses;
  private final Map<String, Route> routes;
  private final AsyncInvoker invoker;
  /** Buses events were put on that no rule listens to, told once each. */
  private final Set<String> silentBuses = ConcurrentHashMap.newKeySet();

  private EventBus(Map<String, Machine> buses, Map<String, Route> routes, AsyncInvoker invoker) throws IOException {
    this.buses = buses;
    this.routes = routes;
    this.invoker = invoker;
    this.server = Loopback.serve(0, 16, "/", this::handle, Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "eventbridge");
      t.setDaemon(true);
      return t;
    }));
  }

  /**
   * @param functions execution environments by logical id; a rule's target that is none of them
   *     (a queue, a state machine) is not played, and is named once at start
   */
  static EventBus start(List<Template.EventRule> rules, Map<String, FunctionPool> functions, AsyncInvoker invoker)
      throws IOException {
    Map<String, Machine> buses = new LinkedHashMap<>();
    Map<String, Route> routes = new LinkedHashMap<>();
    for (Template.EventRule rule : rules) {
      if (!rule.enabled()) {
        continue;
      }
      List<FunctionPool> targets = new ArrayList<>();
      for (String target : rule.targetIds()) {
        FunctionPool pool = functions.get(target);
        if (pool == null) {
          System.err.println("local stack: EventBridge rule " + rule.name() + " targets " + target
              + ", which the local stack does not play; that target gets nothing");
        } else {
          targets.add(pool);
        }
      }
      try {
        buses.computeIfAbsent(rule.eventBusName(), name -> new Machine())
            .addRule(rule.name(), JSON.writeValueAsString(rule.pattern()));
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("EventBridge rule " + rule.name() + " has an invalid event pattern: "
            + e.getMessage(), e);
      }
      routes.put(rule.name(), new Route(rule.name(), targets));
    }
    return new EventBus(buses, routes, invoker);
  }

  /** Where the SDK reaches this bus: the value for {@code AWS_ENDPOINT_URL_EVENTBRIDGE}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (!"POST".equals(exchange.getRequestMethod()) || !"AWSEvents.PutEvents".equals(target)) {
        error(exchange, "UnknownOperationException", "The local stack's EventBridge plays PutEvents only");
        return;
      }
      JsonNode request;
      try {
        request = JSON.readTree(exchange.getRequestBody());
      } catch (IOException e) {
        error(exchange, "SerializationException", "The request is not valid JSON");
        return;
      }
      JsonNode entries = request == null ? null : request.get("Entries");
      if (entries == null || !entries.isArray()) {
        error(exchange, "ValidationException",
            "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
        return;
      }
      if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
        // The value itself is left out: entries carry personal data.
        error(exchange, "ValidationException", "1 validation error detected: Value at 'entries' failed to satisfy"
            + " constraint: Member must have length " + (entries.isEmpty() ? "greater than or equal to 1"
            : "less than or equal to " + MAX_ENTRIES));
        return;
      }
      ObjectNode response = JSON.createObjectNode();
      ArrayNode results = JSON.createArrayNode();
      int failed = 0;
      for (JsonNode entry : entries) {
        ObjectNode result = put(entry);
        failed += result.has("ErrorCode") ? 1 : 0;
        results.add(result);
      }
      response.put("FailedEntryCount", failed);
      response.set("Entries", results);
      send(exchange, 200, JSON.writeValueAsBytes(response));
    } catch (RuntimeException e) {
      System.err.println("local stack: EventBridge request failed: " + e.getClass().getSimpleName());
      error(exchange, "InternalException", "The local stack's EventBridge failed");
    }
  }

  /** One entry: checked as EventBridge checks it, then matched and delivered. Its result entry. */
  private ObjectNode put(JsonNode entry) {
    ObjectNode result = JSON.createObjectNode();
    for (String field : List.of("Source", "DetailType", "Detail")) {
      if (!entry.path(field).isTextual() || entry.path(field).asText().isEmpty()) {
        return failure(result, "InvalidArgument",
            "Parameter " + field + " is not valid. Reason: " + field + " is a required argument.");
      }
    }
    JsonNode detail;
    try {
      detail = JSON.readTree(entry.get("Detail").asText());
    } catch (IOException e) {
      detail = null;
    }
    if (detail == null || !detail.isObject()) {
      return failure(result, "MalformedDetail", "Detail is malformed.");
    }
    List<String> resources = new ArrayList<>();
    entry.path("Resources").forEach(r -> resources.add(r.asText()));
    if (size(entry, resources) > MAX_ENTRY_BYTES) {
      return failure(result, "InvalidArgument", "Entry size exceeds the limit of " + MAX_ENTRY_BYTES + " bytes.");
    }
    Instant time;
    try {
      time = time(entry.get("Time"));
    } catch (DateTimeParseException | ArithmeticException e) {
      return failure(result, "InvalidArgument", "Parameter Time is not valid.");
    }
    String id = UUID.randomUUID().toString();
    ObjectNode event = envelope(id, time, entry.get("Source").asText(), entry.get("DetailType").asText(), resources,
        detail);
    deliver(busName(entry.path("EventBusName").asText("")), event);
    return result.put("EventId", id);
  }

  private void deliver(String bus, ObjectNode event) {
    Machine machine = buses.get(bus);
    if (machine == null) {
      if (silentBuses.add(bus)) {
        System.err.println("local stack: EventBridge: no rule listens on bus '" + bus + "'; events put there go"
            + " nowhere (EventBridge accepts them too)");
      }
      return;
    }
    byte[] bytes;
    List<String> matched;
    try {
      bytes = JSON.writeValueAsBytes(event);
      matched = machine.rulesForJSONEvent(new String(bytes, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException("matching an event failed", e);
    }
    String what = "EventBridge event " + event.get("id").asText() + " (" + event.get("detail-type").asText() + " from "
        + event.get("source").asText() + ")";
    for (String rule : matched) {
      for (FunctionPool target : routes.get(rule).targets()) {
        invoker.invoke(target, bytes, what + " by rule " + rule);
      }
    }
  }

  /**
   * The event as EventBridge delivers it to a target: version, id, detail-type, source, account,
   * time (seconds, UTC), region, resources, detail (the entry's Detail as a JSON object).
   */
  static ObjectNode envelope(String id, Instant time, String source, String detailType, List<String> resources,
      JsonNode detail) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "0");
    event.put("id", id);
    event.put("detail-type", detailType);
    event.put("source", source);
    event.put("account", ACCOUNT);
    event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
    event.put("region", Endpoints.REGION);
    ArrayNode list = event.putArray("resources");
    resources.forEach(list::add);
    event.set("detail", detail);
    return event;
  }

  /**
   * "Calculating PutEvents event entry size": Time counts 14 bytes when given; Source, DetailType,
   * Detail and every resource count their UTF-8 bytes.
   */
  static long size(JsonNode entry, List<String> resources) {
    long size = entry.hasNonNull("Time") ? 14 : 0;
    for (String field : List.of("Source", "DetailType", "Detail")) {
      size += entry.path(field).asText().getBytes(StandardCharsets.UTF_8).length;
    }
    for (String resource : resources) {
      size += resource.getBytes(StandardCharsets.UTF_8).length;
    }
    return size;
  }

  /** The SDK sends Time as epoch seconds (JSON 1.1 timestamps); an ISO string is taken too. */
  private static Instant time(JsonNode value) {
    if (value == null || value.isNull()) {
      return Instant.now();
    }
    if (value.isNumber()) {
      return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
    }
    return Instant.parse(value.asText());
  }

  /** PutEvents takes a bus's name or its ARN; none is the default bus. */
  static String busName(String nameOrArn) {
    if (nameOrArn.isEmpty()) {
      return "default";
    }
    return nameOrArn.startsWith("arn:") ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
  }

  private static ObjectNode failure(ObjectNode result, String code, String message) {
    return result.put("ErrorCode", code).put("ErrorMessage", message);
  }

  private static void error(HttpExchange exchange, String type, String message) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("__type", type).put("message", message);
    exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
    send(exchange, type.equals("InternalException") ? 500 : 400, JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", JSON_11);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
