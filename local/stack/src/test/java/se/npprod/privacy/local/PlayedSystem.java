package se.npprod.privacy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import se.npprod.privacy.aws.HttpExports;

/**
 * A system of the data map as a test plays it, on loopback, behind the connector contract: it checks
 * the signature, erases idempotently and answers the export asked afterwards (the proof) with what
 * it still holds. It can fail its first calls, answer slowly, or be down (no server on its port)
 * until told to come up. It counts the erasure calls that reached it, to show a task's effect
 * happened once.
 */
final class PlayedSystem implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final String key = "played-" + System.nanoTime();
  private final int port;
  private final AtomicInteger failuresLeft;
  private final Duration delay;
  private final boolean keepsInvoices;
  private final Set<String> erased = ConcurrentHashMap.newKeySet();
  private final AtomicInteger erasureCalls = new AtomicInteger();
  private final AtomicInteger exports = new AtomicInteger();
  private volatile HttpServer server;

  private PlayedSystem(String id, int failures, Duration delay, boolean keepsInvoices) {
    this.id = id;
    this.port = Loopback.freePort();
    this.failuresLeft = new AtomicInteger(failures);
    this.delay = delay;
    this.keepsInvoices = keepsInvoices;
  }

  /** Answers 503 to its first {@code failures} erasure calls; keeps its invoices' accounting fields. */
  static PlayedSystem failingFirst(String id, int failures) {
    return new PlayedSystem(id, failures, Duration.ZERO, true).up();
  }

  static PlayedSystem slow(String id, Duration delay) {
    return new PlayedSystem(id, 0, delay, false).up();
  }

  /** Nothing listens on its port until {@link #up()}. */
  static PlayedSystem down(String id) {
    return new PlayedSystem(id, 0, Duration.ZERO, false);
  }

  synchronized PlayedSystem up() {
    if (server == null) {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      server.createContext("/" + id, this::answer);
      server.setExecutor(Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "played-" + id);
        t.setDaemon(true);
        return t;
      }));
      server.start();
    }
    return this;
  }

  /** Its entry in the connector secret. */
  Map<String, String> connector() {
    return Map.of("url", "http://127.0.0.1:" + port + "/" + id, "key", key);
  }

  int erasureCalls() {
    return erasureCalls.get();
  }

  int exports() {
    return exports.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String timestamp = String.valueOf(exchange.getRequestHeaders().getFirst("X-NP-Timestamp"));
      String expected = "v1=" + HttpExports.sign(key, timestamp + "." + new String(body, StandardCharsets.UTF_8));
      if (!expected.equals(exchange.getRequestHeaders().getFirst("X-NP-Signature"))) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      if (!delay.isZero()) {
        Thread.sleep(delay.toMillis());
      }
      JsonNode request = JSON.readTree(body);
      String email = request.path("subject").path("email").asText();
      if (request.path("action").asText().equals("erase")) {
        erasureCalls.incrementAndGet();
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          exchange.sendResponseHeaders(503, -1);
          return;
        }
        erased.add(email);
        Loopback.sendJson(exchange, 200, "{\"erased\":1}");
        return;
      }
      exports.incrementAndGet();
      Object items;
      if (!erased.contains(email)) {
        items = List.of(Map.of("category", "contact", "kind", id + "Record", "fields", Map.of("email", email)));
      } else if (keepsInvoices) {
        items = List.of(Map.of("category", "invoices", "kind", "invoice", "fields", Map.of("invoiceNumber", "P-1",
            "invoiceDate", "2026-11-20", "amount", "149.00", "vat", "29.80", "restricted", true)));
      } else {
        items = List.of();
      }
      Loopback.sendJson(exchange, 200, JSON.writeValueAsString(Map.of("items", items)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
