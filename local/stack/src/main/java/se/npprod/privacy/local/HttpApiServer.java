package se.npprod.privacy.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import se.npprod.privacy.local.RuntimeApi.Outcome;
import se.npprod.privacy.local.cloud.Template;

/**
 * Plays API Gateway (HTTP API, payload 2.0) for every HttpApi route of template.yaml, and serves
 * the static site (web/) and the banner library on the same origin. Faults are answered as an HTTP
 * API answers them: a function error, a Lambda timeout or a malformed response is a 500
 * {@code {"message":"Internal Server Error"}}; no answer within the HTTP API's fixed 30 s
 * integration timeout is a 503 {@code {"message":"Service Unavailable"}}.
 */
public final class HttpApiServer implements AutoCloseable {
  /** "Maximum integration timeout: 30 seconds", not adjustable for HTTP APIs. */
  static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
  private static final byte[] INTERNAL_ERROR = "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] UNAVAILABLE = "{\"message\":\"Service Unavailable\"}".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
  private static final Map<String, String> MEDIA_TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8", "json", "application/json", "svg", "image/svg+xml",
      "png", "image/png", "ico", "image/x-icon", "txt", "text/plain; charset=utf-8");

  private final HttpServer server;
  private final HttpApiRouter router;
  private final Map<String, FunctionPool> functions;
  private final ExecutorService integrations = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "http-api-integration");
    t.setDaemon(true);
    return t;
  });
  private final Path web;
  /** What the build writes from the policy, served over web/: the privacy page. */
  private final Path site;
  private final Path vendor;

  /**
   * @param functions execution environments by logical id, already started (their cold start happens before serving)
   */
  HttpApiServer(int port, List<Template.Function> specs, Map<String, FunctionPool> functions, Path repoRoot)
      throws IOException {
    this.router = new HttpApiRouter(specs);
    this.functions = functions;
    this.web = repoRoot.resolve("web").toAbsolutePath().normalize();
    this.site = repoRoot.resolve("functions/policy/target/site").toAbsolutePath().normalize();
    this.vendor = repoRoot.resolve("node_modules/vanilla-cookieconsent/dist").toAbsolutePath().normalize();
    this.server = Loopback.serve(port, 64, "/", this::handle, Executors.newFixedThreadPool(8));
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      var match = router.match(method, path);
      if (match.isPresent()) {
        invoke(exchange, match.get());
      } else if (router.handlesPath(path)) {
        send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
      } else if (method.equals("GET") || method.equals("HEAD")) {
        serveStatic(exchange, path);
      } else {
        send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
      }
    } catch (RuntimeException e) {
      System.err.println("local stack: request failed: " + e);
      send(exchange, 500, "application/json", INTERNAL_ERROR);
    }
  }

  /** Logs name the function and the kind of failure only: never a body, an error message or an address. */
  private void invoke(HttpExchange exchange, HttpApiRouter.Match match) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    byte[] event = JSON.writeValueAsBytes(event(exchange, match, body));
    FunctionPool function = functions.get(match.functionId());
    CompletableFuture<Outcome> call = CompletableFuture.supplyAsync(() -> function.invoke(event), integrations);
    Outcome outcome;
    try {
      outcome = call.get(INTEGRATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      System.err.println("local stack: " + match.functionId() + " gave no answer within the integration timeout");
      send(exchange, 503, "application/json", UNAVAILABLE);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      send(exchange, 503, "application/json", UNAVAILABLE);
      return;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    if (outcome instanceof Outcome.Failure failure) {
      System.err.println("local stack: " + match.functionId() + " failed: " + failure.errorType());
      send(exchange, 500, "application/json", INTERNAL_ERROR);
      return;
    }
    var response = HttpApiResponse.from(((Outcome.Response) outcome).payload());
    if (response.isEmpty()) {
      System.err.println("local stack: " + match.functionId() + " returned a malformed payload 2.0 response");
      send(exchange, 500, "application/json", INTERNAL_ERROR);
      return;
    }
    response.get().headers().forEach(h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue()));
    sendRaw(exchange, response.get().status(), response.get().body());
  }

  /** The payload 2.0 event, field for field as API Gateway sends it. */
  private static ObjectNode event(HttpExchange exchange, HttpApiRouter.Match match, byte[] body) {
    ObjectNode event = JSON.createObjectNode();
    String rawPath = exchange.getRequestURI().getRawPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    event.put("version", "2.0");
    event.put("routeKey", match.route().routeKey());
    event.put("rawPath", rawPath);
    event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
    ArrayNode cookies = JSON.createArrayNode();
    ObjectNode headers = JSON.createObjectNode();
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("cookie")) {
        values.forEach(v -> java.util.Arrays.stream(v.split(";")).map(String::trim)
            .filter(c -> !c.isEmpty()).forEach(cookies::add));
      } else {
        headers.put(lower, String.join(",", values));
      }
    });
    String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
    headers.put("x-forwarded-for", sourceIp);
    headers.put("x-forwarded-proto", "http");
    headers.put("x-forwarded-port", Integer.toString(exchange.getLocalAddress().getPort()));
    if (!cookies.isEmpty()) {
      event.set("cookies", cookies);
    }
    event.set("headers", headers);
    if (rawQuery != null && !rawQuery.isEmpty()) {
      ObjectNode query = JSON.createObjectNode();
      for (String pair : rawQuery.split("&")) {
        String[] kv = pair.split("=", 2);
        String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        query.put(key, query.has(key) ? query.get(key).asText() + "," + value : value);
      }
      event.set("queryStringParameters", query);
    }
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", "000000000000");
    context.put("apiId", "local");
    String host = headers.path("host").asText("localhost");
    context.put("domainName", host);
    context.put("domainPrefix", host.split("[.:]")[0]);
    ObjectNode http = context.putObject("http");
    http.put("method", exchange.getRequestMethod());
    http.put("path", rawPath);
    http.put("protocol", exchange.getProtocol());
    http.put("sourceIp", sourceIp);
    http.put("userAgent", headers.path("user-agent").asText(""));
    context.put("requestId", UUID.randomUUID().toString());
    context.put("routeKey", match.route().routeKey());
    context.put("stage", "$default");
    context.put("time", REQUEST_TIME.format(now));
    context.put("timeEpoch", now.toInstant().toEpochMilli());
    if (!match.pathParameters().isEmpty()) {
      ObjectNode params = event.putObject("pathParameters");
      match.pathParameters().forEach((k, v) -> params.put(k, URLDecoder.decode(v, StandardCharsets.UTF_8)));
    }
    if (body.length > 0) {
      String type = headers.path("content-type").asText("").toLowerCase(Locale.ROOT);
      boolean text = type.startsWith("text/") || type.contains("json") || type.contains("xml")
          || type.contains("x-www-form-urlencoded") || type.contains("javascript");
      event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", !text);
    } else {
      event.put("isBase64Encoded", false);
    }
    return event;
  }

  private void serveStatic(HttpExchange exchange, String rawPath) throws IOException {
    String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
    Path base = web;
    String relative = path.substring(1);
    if (Files.isRegularFile(site.resolve(relative).normalize()) && site.resolve(relative).normalize().startsWith(site)) {
      base = site; // pages written from the policy at build time (the privacy page)
    } else if (path.startsWith("/vendor/cookieconsent/")) {
      base = vendor;
      relative = path.substring("/vendor/cookieconsent/".length());
    }
    Path file = base.resolve(relative).normalize();
    if (Files.isDirectory(file)) {
      file = file.resolve("index.html");
    }
    if (!file.startsWith(base) || !Files.isRegularFile(file)) {
      send(exchange, 404, "text/plain; charset=utf-8", "Sidan finns inte / Page not found".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String name = file.getFileName().toString();
    String ext = name.substring(name.lastIndexOf('.') + 1);
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    send(exchange, 200, MEDIA_TYPES.getOrDefault(ext, "application/octet-stream"), Files.readAllBytes(file));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    sendRaw(exchange, status, body);
  }

  private static void sendRaw(HttpExchange exchange, int status, byte[] body) throws IOException {
    boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD") || status == 204;
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
    integrations.shutdownNow();
  }
}
