package se.npprod.privacy.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.SqsErasureQueue;
import se.npprod.privacy.aws.SubjectTable;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.NewRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.request.SubmitRequest;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.core.subject.ActivityEvents;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.RecordActivity;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.local.emulators.SentMail;
import se.npprod.privacy.policy.BundledPolicy;

/**
 * {@code ./dev bench erasure}: N erasure requests (1,000 by default, {@code -Dbench.erasures=N})
 * through the local stack, each over every system of the data map (the table, the CRM and the
 * newsletter service by signed HTTP, the logistics partner by mail and its confirmation link,
 * which this benchmark follows as the partner would). Prints the time until all are complete, how
 * many completed and how many were lost: requests neither completed nor waiting in a dead-letter
 * queue. A figure to watch, not a test.
 */
public final class ErasureBenchmark {
  private static final int REQUESTS = Integer.getInteger("bench.erasures", 1000);
  private static final Duration LIMIT = Duration.ofMinutes(Integer.getInteger("bench.minutes", 20));
  private static final Policy POLICY = BundledPolicy.policy();
  private static final Pattern PROCESSOR_LINK = Pattern.compile("/processors/confirm\\?token=([A-Za-z0-9_-]{43})");

  private ErasureBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (LocalStack stack = LocalStack.start(0)) {
      var endpoints = stack.cloud().emulators().endpoints();
      endpoints.environment().forEach(System::setProperty);
      endpoints.applyToSystemProperties();
      var dynamo = endpoints.dynamoDbClient();
      String table = stack.cloud().physicalName("PrivacyTable");
      // The subject key the stack's functions read, so that requests find the subjects written here.
      SubjectKeys keys = new SubjectKeys(stack.cloud().emulators().secrets().value("SubjectKeySecret").orElseThrow()
          .getBytes(StandardCharsets.UTF_8));
      RequestTable requests = new RequestTable(dynamo, table, POLICY.timezone());
      RecordActivity record = new RecordActivity(POLICY, keys, new SubjectTable(dynamo, table));
      SubmitRequest submit = new SubmitRequest(POLICY, keys, requests, mail -> { },
          VerificationLinks.under(stack.baseUrl()), Clock.systemUTC());
      SqsErasureQueue queue = new SqsErasureQueue(endpoints.sqsClient(), stack.cloud().physicalName("ErasureQueue"));

      List<String> ids = new ArrayList<>();
      long loadStart = System.nanoTime();
      for (int i = 0; i < REQUESTS; i++) {
        String email = "radera" + i + "@example.se";
        record.record(ActivityEvents.read("npprod.webshop", ActivityEvents.ORDER_PLACED, "bench-" + i, Map.of(
            "orderId", "B" + i, "placedAt", "2026-11-20T09:14:58Z",
            "customer", Map.of("email", email, "name", "Kund " + i, "customerNumber", "K-B" + i),
            "lines", List.of(Map.of("sku", "NP-1", "name", "Kabelkanal", "quantity", 1, "unitPrice", "149.00")),
            "total", "149.00", "currency", "SEK",
            "invoice", Map.of("invoiceNumber", "F-B" + i, "invoiceDate", "2026-11-20", "amount", "149.00", "vat", "29.80",
                "buyerName", "Kund " + i, "buyerAddress", "Gatan 1, 123 45 Småstad"))));
        String id = submit.submit(new NewRequest(Channel.WEB, EmailAddress.parse(email).orElseThrow(), RequestType.ERASURE,
            List.of("form:erasure"), Optional.empty(), "sv", "", "", Optional.empty(), Instant.now())).requestId();
        requests.transition(id, RequestStatus.AWAITING_VERIFICATION, RequestStatus.VERIFIED, Optional.empty(),
            AuditEvent.of(id, Instant.now(), "verified"));
        ids.add(id);
      }
      System.out.printf("%d subjects and verified erasure requests written in %.1f s%n", REQUESTS,
          (System.nanoTime() - loadStart) / 1e9);

      HttpClient http = HttpClient.newHttpClient();
      Set<String> confirmed = new HashSet<>();
      Instant start = Instant.now();
      ids.forEach(queue::plan);
      Set<String> open = new HashSet<>(ids);
      while (!open.isEmpty() && Duration.between(start, Instant.now()).compareTo(LIMIT) < 0) {
        // The logistics partner follows each link it is sent, as a person there would.
        for (JsonNode mail : SentMail.to(endpoints, "integritet@logistics.example")) {
          Matcher m = PROCESSOR_LINK.matcher(mail.get("body").get("text").asText());
          if (m.find() && confirmed.add(m.group(1))) {
            http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/processors/confirm"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", stack.baseUrl())
                .POST(HttpRequest.BodyPublishers.ofString("token=" + m.group(1) + "&name=Benchmark")).build(),
                HttpResponse.BodyHandlers.discarding());
          }
        }
        open.removeIf(id -> requests.request(id).map(r -> r.status() == RequestStatus.COMPLETED).orElse(false));
        Thread.sleep(1000);
      }
      Duration took = Duration.between(start, Instant.now());
      int deadLettered = stack.cloud().emulators().endpoints().sqsClient().getQueueAttributes(b -> b
          .queueUrl(stack.cloud().physicalName("ErasureDeadLetterQueue"))
          .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings()
          .values().stream().mapToInt(Integer::parseInt).sum();
      int completed = REQUESTS - open.size();
      System.out.printf("%nErasures through the local stack (%d requests x %d systems, %d function environments each):%n",
          REQUESTS, POLICY.systems().size(), Integer.getInteger("local.environments", 2));
      System.out.printf("  time until all complete: %s%n", open.isEmpty() ? String.format("%.1f s", took.toMillis() / 1000.0)
          : "not all within " + LIMIT.toMinutes() + " min");
      System.out.printf("  completed: %d; in the dead-letter queue: %d; lost (neither): %d%n", completed, deadLettered,
          open.size() - deadLettered);
      System.out.printf("  processor confirmations followed: %d; throughput %.1f erasures/s%n", confirmed.size(),
          completed / Math.max(0.001, took.toMillis() / 1000.0));
    }
  }
}
