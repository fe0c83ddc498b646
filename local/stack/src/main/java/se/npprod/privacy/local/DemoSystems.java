package se.npprod.privacy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import se.npprod.privacy.aws.HttpExports;
import se.npprod.privacy.core.policy.Policy;

/**
 * Stand-ins for the systems of the data map whose export connector is HTTP (policy/npprod.yaml:
 * the webshop, the CRM and the newsletter service), so that a register extract made locally has something from
 * every system. Each checks the signature as a real system must (HMAC-SHA256 under its own key,
 * a timestamp within five minutes) and knows a person by customer number: someone the shop's
 * systems have given one gets a small, clearly marked demo record, anyone else nothing. An erasure
 * is remembered, so that the export asked afterwards (the proof) comes back empty. The connector
 * secret the stack provisions points at them, with their keys.
 */
final class DemoSystems implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, String> keys = new LinkedHashMap<>();
  /** Processors without an API, asked by mail: their (made-up) privacy contacts. */
  private final Map<String, String> contacts = new LinkedHashMap<>();
  /** Who each system has erased ("<system> <address>"), so that asking again finds nothing. */
  private final Set<String> erased = ConcurrentHashMap.newKeySet();

  private DemoSystems(HttpServer server) {
    this.server = server;
  }

  static DemoSystems start(Policy policy) throws IOException {
    DemoSystems demo = new DemoSystems(Loopback.serve(0, 16, "/", exchange -> exchange.close(),
        Executors.newFixedThreadPool(2, r -> {
          Thread t = new Thread(r, "demo-systems");
          t.setDaemon(true);
          return t;
        })));
    SecureRandom random = new SecureRandom();
    for (Policy.DataSystem system : policy.systems()) {
      if (system.erasure() == Policy.Erasure.email) {
        demo.contacts.put(system.id(), "integritet@" + system.id() + ".example");
      }
      if (system.export() == Policy.Export.http) {
        byte[] key = new byte[24];
        random.nextBytes(key);
        demo.keys.put(system.id(), HexFormat.of().formatHex(key));
        demo.server.createContext("/" + system.id(), exchange -> demo.answer(system, exchange));
      }
    }
    return demo;
  }

  /** The connector secret's value: each system's URL and key. */
  String connectorSecret() {
    Map<String, Object> secret = new LinkedHashMap<>();
    keys.forEach((id, key) -> secret.put(id, Map.of("url", url() + "/" + id, "key", key)));
    contacts.forEach((id, email) -> secret.put(id, Map.of("email", email)));
    try {
      return JSON.writeValueAsString(secret);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void answer(Policy.DataSystem system, HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String timestamp = String.valueOf(exchange.getRequestHeaders().getFirst("X-NP-Timestamp"));
      String signature = HttpExports.sign(keys.get(system.id()), timestamp + "." + new String(body,
          StandardCharsets.UTF_8));
      boolean fresh;
      try {
        fresh = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) <= 300;
      } catch (NumberFormatException e) {
        fresh = false;
      }
      if (!fresh || !("v1=" + signature).equals(exchange.getRequestHeaders().getFirst("X-NP-Signature"))) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      JsonNode request = JSON.readTree(body);
      String email = request.path("subject").path("email").asText();
      if (request.path("action").asText().equals("erase")) {
        // Erasure is idempotent here as the contract asks: erasing twice erases once.
        erased.add(system.id() + " " + email);
        byte[] done = "{\"erased\":1}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, done.length);
        exchange.getResponseBody().write(done);
        return;
      }
      boolean known = !request.path("subject").path("customerNumbers").isEmpty();
      boolean gone = erased.contains(system.id() + " " + email);
      List<Map<String, Object>> items = new ArrayList<>();
      if (known && system.id().equals("webshop")) {
        // The shop keeps the invoice for the bookkeeping law: after an erasure, cut down to the
        // accounting fields and restricted, which the proof by export accepts.
        Map<String, Object> invoice = new LinkedHashMap<>(Map.of("invoiceNumber", "DEMO-1001",
            "invoiceDate", "2026-01-15", "amount", "499.00", "vat", "99.80"));
        if (gone) {
          invoice.put("restricted", true);
        } else {
          invoice.put("buyerName", "Demokund");
          invoice.put("deliveryNote", "Lämna vid dörren (demo)");
          items.add(Map.of("category", "orders", "kind", "webshopOrder", "occurredAt", "2026-01-15T09:00:00Z",
              "fields", Map.of("orderNumber", "DEMO-1001", "items", "1 × Demovara")));
        }
        items.add(Map.of("category", "invoices", "kind", "webshopInvoice", "occurredAt", "2026-01-15T09:00:00Z",
            "fields", invoice));
      } else if (known && !gone) {
        Map<String, Object> fields = system.id().equals("newsletter")
            ? Map.of("subscribed", false, "list", "Nyhetsbrev (demo)")
            : Map.of("note", "Demodata från " + system.name().sv(), "customerNumbers",
                JSON.convertValue(request.path("subject").path("customerNumbers"), List.class));
        items.add(Map.of("category", "contact", "kind", system.id() + "Record", "occurredAt", "2026-01-15T09:00:00Z",
            "fields", fields));
      }
      byte[] answer = JSON.writeValueAsBytes(Map.of("items", items));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
