package se.npprod.privacy.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final int COLD_STARTS = 3;
  private static final Pattern CONSENT_ID = Pattern.compile("\"consentId\":\"([0-9a-f-]{36})\"");

  private ConsentBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = RepoRoot.find();
    try (LocalStack stack = LocalStack.start(0)) {
      List<Long> cold = new ArrayList<>();
      for (int i = 0; i < COLD_STARTS; i++) {
        ColdInvoke.Result r = ColdInvoke.run(stack.cloud(), "ConsentFunction", root.resolve("events/consent/record-consent.json"));
        if (!r.succeeded()) {
          throw new IllegalStateException("cold invoke failed: " + r.response());
        }
        System.out.println("cold invoke " + (i + 1) + ": " + r.timings());
        cold.add(r.totalMillis());
      }
      Collections.sort(cold);
      System.out.printf("cold invoke under the RIC, JVM start to response, median of %d: %d ms%n%n",
          COLD_STARTS, cold.get(COLD_STARTS / 2));

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
      httpThreads.shutdownNow();
    }
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
