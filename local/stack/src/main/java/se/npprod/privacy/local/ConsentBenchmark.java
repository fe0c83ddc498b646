package se.npprod.privacy.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.npprod.privacy.local.cloud.Template;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import se.npprod.privacy.local.emulators.RepoRoot;

/**
 * Prints figures for the consent path on this machine: cold starts of the deployable jar in a
 * fresh JVM under the Lambda runtime client, and warm latency and throughput of POST and GET
 * through the local stack (HTTP server, payload 2.0 event, Runtime API, function JVMs, dynoxide). Run with {@code ./dev bench}.
 * Bounded: a fixed number of requests to loopback only.
 */
public final class ConsentBenchmark {
  private static final int WARMUP = 300;
  private static final int REQUESTS = 2000;
  private static final int CONCURRENCY = 4;
  private static final int COLD_STARTS = 5;
  private static final int LONG_HISTORY = 1000;
  private static final int HISTORY_SHOWN =
      se.npprod.privacy.core.policy.PolicyLoader.fromClasspath().consent().limits().historyShown();
  private static final Pattern CONSENT_ID = Pattern.compile("\"consentId\":\"([0-9a-f-]{36})\"");

  private ConsentBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = RepoRoot.find();
    try (LocalStack stack = LocalStack.start(0)) {
      coldStarts(stack, root);

      ExecutorService httpThreads = Executors.newFixedThreadPool(CONCURRENCY);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads).build();
      String base = stack.baseUrl();
      String body = "{\"choices\":{\"necessary\":true,\"analytics\":false,\"marketing\":false},"
          + "\"method\":\"reject_all\",\"bannerRevision\":1,\"language\":\"sv\",\"pageUrl\":\"" + base + "/\"}";
      HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/consent"))
          .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build();
      run(http, post, WARMUP);
      report("POST /consent (new visitor)", run(http, post, REQUESTS));

      String first = http.send(post, HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = CONSENT_ID.matcher(first);
      if (!m.find()) {
        throw new IllegalStateException("no consentId in " + first);
      }
      String withId = body.replace("{\"choices\"", "{\"consentId\":\"" + m.group(1) + "\",\"choices\"");
      for (int i = 0; i < 19; i++) {
        http.send(HttpRequest.newBuilder(URI.create(base + "/consent")).header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(withId)).build(), HttpResponse.BodyHandlers.discarding());
      }
      HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/consent/" + m.group(1))).GET().build();
      run(http, get, WARMUP);
      report("GET /consent/{id} (20 decisions)", run(http, get, REQUESTS));
      historyCost(stack, http);
      httpThreads.shutdownNow();
    }
  }

  /**
   * The one-shot cold start beside its floor, measured in the same run and launched the same way:
   * a fresh JVM with the function's jar, environment and options that builds the same DynamoDB
   * client and writes one item ({@link ColdStartFloor}). Runs alternate, so that both see the same
   * machine; the ratios of the medians are what the issue tracks (target: at most 1.3).
   */
  private static void coldStarts(LocalStack stack, Path root) throws Exception {
    Template.Function function = stack.cloud().template().functions().stream()
        .filter(f -> f.logicalId().equals("ConsentFunction")).findFirst().orElseThrow();
    Map<String, String> environment = stack.cloud().templateEnvironment(function);
    byte[] event = java.nio.file.Files.readAllBytes(root.resolve("events/consent/record-consent.json"));
    Path floorClasses = root.resolve("local/stack/target/classes");
    List<Long> wall = new ArrayList<>();
    List<Long> cpu = new ArrayList<>();
    List<Long> rss = new ArrayList<>();
    List<Long> floorWall = new ArrayList<>();
    List<Long> floorCpu = new ArrayList<>();
    List<Long> floorRss = new ArrayList<>();
    try (LambdaHost host = LambdaHost.start(root, stack.cloud().emulators().endpoints().endpointUrls())) {
      for (int i = 0; i < COLD_STARTS; i++) {
        ColdInvoke.Result r = ColdInvoke.run(host, function, environment, event);
        if (!r.succeeded()) {
          throw new IllegalStateException("cold invoke failed: " + r.response());
        }
        ColdInvoke.Floor f = ColdInvoke.floor(host, function, environment, floorClasses);
        System.out.println("cold invoke " + (i + 1) + ": " + r.timings());
        System.out.printf("floor       %d: JVM start to one item written %d ms; JVM CPU %d ms, peak RSS %.0f MB%n",
            i + 1, f.totalMillis(), f.cpu().toMillis(), f.peakRssKb() / 1024.0);
        wall.add(r.totalMillis());
        cpu.add(r.cpu().toMillis());
        rss.add(r.peakRssKb());
        floorWall.add(f.totalMillis());
        floorCpu.add(f.cpu().toMillis());
        floorRss.add(f.peakRssKb());
      }
    }
    System.out.printf("cold start / floor, medians of %d: wall %d / %d ms = %.2fx; CPU %d / %d ms = %.2fx;"
        + " peak RSS %.0f / %.0f MB = %.2fx%n%n", COLD_STARTS,
        median(wall), median(floorWall), ratio(wall, floorWall),
        median(cpu), median(floorCpu), ratio(cpu, floorCpu),
        median(rss) / 1024.0, median(floorRss) / 1024.0, ratio(rss, floorRss));
  }

  /**
   * What one GET costs for a visitor with {@value #LONG_HISTORY} decisions: now (one bounded query
   * through the whole stack), and as the unbounded read did it before the limit (every page of the
   * history, the same query without {@code Limit}, straight to DynamoDB).
   */
  private static void historyCost(LocalStack stack, HttpClient http) throws Exception {
    String visitor = java.util.UUID.randomUUID().toString();
    String tableName = stack.cloud().physicalName("PrivacyTable");
    java.time.Instant now = java.time.Instant.now();
    try (software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo =
             stack.cloud().emulators().endpoints().dynamoDbClient()) {
      se.npprod.privacy.aws.ConsentTable table =
          new se.npprod.privacy.aws.ConsentTable(dynamo, tableName, java.time.Clock.systemUTC());
      // Seeded straight into the table, past the API's daily limit, as years of decisions would be.
      se.npprod.privacy.core.consent.ConsentStore.DailyQuota unlimited = new se.npprod.privacy.core.consent
          .ConsentStore.DailyQuota("benchmark", Integer.MAX_VALUE, now.plusSeconds(86_400));
      for (int i = 0; i < LONG_HISTORY; i++) {
        table.append(new se.npprod.privacy.core.consent.ConsentRecord(visitor, java.util.UUID.randomUUID().toString(),
            now.minusSeconds(LONG_HISTORY - i), Map.of("necessary", true, "analytics", i % 2 == 0, "marketing", false),
            se.npprod.privacy.core.consent.ConsentMethod.CUSTOM, 1, "ab".repeat(32), "benchmark", "sv",
            stack.baseUrl() + "/", "127.0.0.0/24", false, now.plusSeconds(86_400), null, "benchmark"), unlimited);
      }
      HttpRequest get = HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/consent/" + visitor)).GET().build();
      String shown = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
      run(http, get, 50);
      List<Long> bounded = run(http, get, 200);
      long boundedItems = dynamo.query(b -> b.tableName(tableName).keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(se.npprod.privacy.aws.Table.visitor(visitor)),
              ":p", AttributeValue.fromS(se.npprod.privacy.aws.Table.CONSENT_PREFIX)))
          .scanIndexForward(false).limit(HISTORY_SHOWN)).scannedCount() + 1;
      List<Long> unbounded = new ArrayList<>();
      long unboundedItems = 0;
      for (int i = 0; i < 20; i++) {
        long t = System.nanoTime();
        unboundedItems = 0;
        for (var page : dynamo.queryPaginator(b -> b.tableName(tableName).consistentRead(true)
            .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(se.npprod.privacy.aws.Table.visitor(visitor)),
                ":p", AttributeValue.fromS(se.npprod.privacy.aws.Table.CONSENT_PREFIX))))) {
          unboundedItems += page.scannedCount();
        }
        unbounded.add((System.nanoTime() - t) / 1000);
      }
      Collections.sort(unbounded);
      bounded.remove(bounded.size() - 1);
      Collections.sort(bounded);
      System.out.printf("GET for a visitor with %d decisions, now: %d items read (%d decisions + the count),"
              + " %d shown, totalDecisions in the answer: %s; p50 %.2f ms through the stack%n",
          LONG_HISTORY, boundedItems, boundedItems - 1, HISTORY_SHOWN, shown.contains("\"totalDecisions\":" + LONG_HISTORY),
          bounded.get(bounded.size() / 2) / 1000.0);
      System.out.printf("the same history read as before the limit (every page, strongly consistent): %d items"
          + " read; p50 %.2f ms for the DynamoDB reads alone%n", unboundedItems, unbounded.get(unbounded.size() / 2) / 1000.0);
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static double ratio(List<Long> values, List<Long> floor) {
    return (double) median(values) / median(floor);
  }

  /** Latencies in microseconds, plus the total elapsed time as the last element. */
  private static List<Long> run(HttpClient http, HttpRequest request, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
    List<Future<Long>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      futures.add(pool.submit(() -> {
        long t = System.nanoTime();
        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() >= 300) {
          throw new IllegalStateException("status " + r.statusCode());
        }
        return (System.nanoTime() - t) / 1000;
      }));
    }
    List<Long> micros = new ArrayList<>();
    for (Future<Long> f : futures) {
      micros.add(f.get());
    }
    micros.add((System.nanoTime() - start) / 1000);
    pool.shutdown();
    return micros;
  }

  private static void report(String name, List<Long> results) {
    long elapsed = results.remove(results.size() - 1);
    Collections.sort(results);
    int n = results.size();
    System.out.printf("%s: %d requests, %d concurrent: %.0f req/s; p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        name, n, CONCURRENCY, n / (elapsed / 1e6), results.get(n / 2) / 1000.0, results.get(n * 95 / 100) / 1000.0,
        results.get(n * 99 / 100) / 1000.0, results.get(n - 1) / 1000.0);
  }
}
