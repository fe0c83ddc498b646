package se.npprod.privacy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.npprod.privacy.local.emulators.Endpoints;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * {@code ./dev put-event <file.json>}: puts events on a running local stack's bus with the SDK's
 * EventBridgeClient, as the shop's systems do. The file is a PutEvents request
 * ({@code {"Entries":[...]}}), one entry ({@code {"Source","DetailType","Detail"}}, Detail as a JSON
 * string or object), or an event as EventBridge delivers it ({@code {"source","detail-type","detail"}},
 * e.g. a sample from events/). The bus is {@code AWS_ENDPOINT_URL_EVENTBRIDGE} if set, else the one
 * in .local/stack.json, which {@code ./dev start} writes.
 */
final class PutEventCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PutEventCommand() {}

  /** Prints each entry's EventId or error; 0 if every entry was accepted. */
  static int run(Path file, Map<String, String> env, Path repoRoot) throws IOException {
    URI endpoint;
    List<PutEventsRequestEntry> entries;
    try {
      endpoint = endpoint(env, repoRoot);
      entries = entries(JSON.readTree(file.toFile()));
    } catch (IllegalArgumentException | IllegalStateException | java.time.DateTimeException e) {
      System.err.println("put-event: " + e.getMessage());
      return 2;
    }
    PutEventsResponse response = send(endpoint, entries);
    for (var result : response.entries()) {
      System.out.println(result.eventId() != null ? "EventId " + result.eventId()
          : "failed: " + result.errorCode() + ": " + result.errorMessage());
    }
    return response.failedEntryCount() == 0 ? 0 : 1;
  }

  static URI endpoint(Map<String, String> env, Path repoRoot) {
    String override = env.get("AWS_ENDPOINT_URL_EVENTBRIDGE");
    if (override != null && !override.isBlank()) {
      return URI.create(override);
    }
    return StackFile.running(repoRoot).map(f -> URI.create(f.path("eventBridge").asText()))
        .orElseThrow(() -> new IllegalStateException("no local stack is running (start one with ./dev start),"
            + " and AWS_ENDPOINT_URL_EVENTBRIDGE is not set"));
  }

  /** The entries of a file in any of the three shapes. */
  static List<PutEventsRequestEntry> entries(JsonNode file) {
    List<PutEventsRequestEntry> entries = new ArrayList<>();
    if (file.path("Entries").isArray()) {
      file.get("Entries").forEach(e -> entries.add(entry(e, "Source", "DetailType", "Detail", "Resources", "Time")));
    } else if (file.has("Source") || file.has("DetailType") || file.has("Detail")) {
      entries.add(entry(file, "Source", "DetailType", "Detail", "Resources", "Time"));
    } else if (file.has("source") || file.has("detail-type") || file.has("detail")) {
      entries.add(entry(file, "source", "detail-type", "detail", "resources", "time"));
    } else {
      throw new IllegalArgumentException("expected a PutEvents request {\"Entries\":[...]}, an entry"
          + " {\"Source\",\"DetailType\",\"Detail\"} or an event {\"source\",\"detail-type\",\"detail\"}");
    }
    return entries;
  }

  private static PutEventsRequestEntry entry(JsonNode e, String source, String detailType, String detail,
      String resources, String time) {
    PutEventsRequestEntry.Builder entry = PutEventsRequestEntry.builder()
        .source(text(e.get(source))).detailType(text(e.get(detailType)));
    JsonNode d = e.get(detail);
    entry.detail(d == null || d.isNull() ? null : d.isTextual() ? d.asText() : d.toString());
    if (e.path(resources).isArray()) {
      List<String> list = new ArrayList<>();
      e.get(resources).forEach(r -> list.add(r.asText()));
      entry.resources(list);
    }
    JsonNode t = e.get(time);
    if (t != null && !t.isNull()) {
      entry.time(t.isNumber() ? Instant.ofEpochMilli(Math.round(t.asDouble() * 1000)) : Instant.parse(t.asText()));
    }
    if (e.hasNonNull("EventBusName")) {
      entry.eventBusName(e.get("EventBusName").asText());
    }
    return entry.build();
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() ? null : value.asText();
  }

  static PutEventsResponse send(URI endpoint, List<PutEventsRequestEntry> entries) {
    try (EventBridgeClient client = EventBridgeClient.builder().endpointOverride(endpoint)
        .region(Region.of(Endpoints.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(Endpoints.ACCESS_KEY, Endpoints.SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      return client.putEvents(b -> b.entries(entries));
    }
  }
}
